import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { relativeLocations, relativePath } from './relative-path.js'

test('paths are relative to a directory as with path.relative', () => {
  assert.is(relativePath('/project', '/project/src/a.test.js'), 'src/a.test.js')
  assert.is(relativePath('/project/', '/project/src/a.test.js'), 'src/a.test.js')
  assert.is(relativePath('/project/sub', '/project/src/a.test.js'), '../src/a.test.js')
  assert.is(relativePath('/project', 'file:///project/my%20dir/a.test.js'), 'my dir/a.test.js')
  assert.is(relativePath('/project', 'http://localhost/a.test.js'), 'http://localhost/a.test.js')
  assert.is(relativePath(undefined, '/project/a.test.js'), '/project/a.test.js')
})

test('URLs are relative to a page origin when they are under it', () => {
  const origin = 'http://localhost:5173'
  assert.is(relativePath(origin, 'http://localhost:5173/src/a.test.js'), 'src/a.test.js')
  assert.is(
    relativePath(origin, 'http://localhost:5174/src/a.test.js'),
    'http://localhost:5174/src/a.test.js',
  )
})

test('locations in a stack become relative to the base', () => {
  assert.is(
    relativeLocations(
      '/project',
      '    at f (file:///project/a.js:1:2)\n    at /project/b.js:3:4\n    at /other/c.js:5:6',
    ),
    '    at f (a.js:1:2)\n    at b.js:3:4\n    at /other/c.js:5:6',
  )
  assert.is(
    relativeLocations('http://localhost:5173/', 'f@http://localhost:5173/src/a.js:1:2'),
    'f@src/a.js:1:2',
  )
})

test.run()
