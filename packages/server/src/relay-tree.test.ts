import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { runSelection } from './relay-runs.js'
import { buildTree, countTests } from './relay-tree.js'

test('collected entries become files › suites › tests, with the ids test events carry', () => {
  const file = 'http://localhost:8123/__daebug/w/tests/math.test.js'
  const tree = buildTree([
    { name: 'math', nesting: 0, type: 'suite', testFile: file, line: 3 },
    { name: 'adds', nesting: 1, type: 'test', testFile: file, line: 4 },
    { name: 'rounding', nesting: 1, type: 'suite', testFile: file, line: 5 },
    { name: 'half up', nesting: 2, type: 'test', testFile: file, line: 6 },
    { name: 'subtracts', nesting: 1, type: 'test', testFile: file, line: 8 },
    { name: 'top', nesting: 0, type: 'test', testFile: file, line: 10 },
    {
      name: 'http://localhost:8123/broken.test.js',
      nesting: 0,
      type: 'test',
      testFile: 'http://localhost:8123/broken.test.js',
      error: 'SyntaxError: x',
    },
  ])
  assert.equal(tree, [
    {
      type: 'file',
      id: 'tests/math.test.js',
      name: 'tests/math.test.js',
      file: 'tests/math.test.js',
      children: [
        {
          type: 'suite',
          id: 'tests/math.test.js#math',
          name: 'math',
          file: 'tests/math.test.js',
          line: 3,
          children: [
            {
              type: 'test',
              id: 'tests/math.test.js#math › adds',
              name: 'adds',
              file: 'tests/math.test.js',
              line: 4,
              status: 'idle',
            },
            {
              type: 'suite',
              id: 'tests/math.test.js#math › rounding',
              name: 'rounding',
              file: 'tests/math.test.js',
              line: 5,
              children: [
                {
                  type: 'test',
                  id: 'tests/math.test.js#math › rounding › half up',
                  name: 'half up',
                  file: 'tests/math.test.js',
                  line: 6,
                  status: 'idle',
                },
              ],
            },
            {
              type: 'test',
              id: 'tests/math.test.js#math › subtracts',
              name: 'subtracts',
              file: 'tests/math.test.js',
              line: 8,
              status: 'idle',
            },
          ],
        },
        {
          type: 'test',
          id: 'tests/math.test.js#top',
          name: 'top',
          file: 'tests/math.test.js',
          line: 10,
          status: 'idle',
        },
      ],
    },
    {
      type: 'file',
      id: 'broken.test.js',
      name: 'broken.test.js',
      file: 'broken.test.js',
      children: [],
    },
  ])
  assert.is(countTests(tree), 4)
})

test('a relay run selects files and names by its scope; a malformed id is INVALID_ID', () => {
  assert.equal(runSelection({ type: 'run', scope: 'all', pattern: 'adds' }), {
    testNamePatterns: ['adds'],
  })
  assert.equal(runSelection({ type: 'run', scope: 'file', id: 'tests/a.test.js' }), {
    files: ['tests/a.test.js'],
  })
  assert.equal(
    runSelection({ type: 'run', scope: 'test', id: 'tests/a.test.js#math › adds (1+1)' }),
    {
      files: ['tests/a.test.js'],
      testNamePatterns: ['/^adds \\(1\\+1\\)$/'],
    },
  )
  assert.throws(
    () => runSelection({ type: 'run', scope: 'suite', id: 'math' }),
    (error: Error & { code?: string }) =>
      error.code === 'INVALID_ID' && /'math' is no suite id/.test(error.message),
  )
})

test.run()
