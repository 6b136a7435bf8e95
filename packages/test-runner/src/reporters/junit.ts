/**
 * The `junit` reporter: Node 20's JUnit XML. Tests with subtests become `<testsuite>` elements
 * (with counts and a hostname), the others `<testcase>` with `<skipped>` or `<failure>` (holding
 * the inspected error); diagnostics become comments. The document is written when the run ends,
 * as in Node: only the XML declaration and `<testsuites>` come first.
 */
import type { TestEvent, TestResultData, TestStartData } from '@daebug/protocol'
import {
  type IncrementalReporter,
  type Reporter,
  type ReporterOptions,
  toReporter,
  withSharedOptions,
} from './reporter.js'
import { fieldOf, inspectTestError, reviveTestError } from './test-error.js'

type Attributes = Record<string, unknown>

interface XmlComment {
  nesting: number
  comment: string
}

interface XmlElement {
  tag?: string
  attrs: Attributes
  nesting: number
  children?: XmlChild[]
}

type XmlChild = XmlElement | XmlComment | string

interface TestNode extends XmlElement {
  children: XmlChild[]
  parent: TestNode | null
}

const escapeContent = (text = ''): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;')
const escapeAttribute = (text = ''): string =>
  escapeContent(text.replace(/\n/g, '').replace(/"/g, '&quot;'))
const escapeComment = (text = ''): string => text.replace(/--/g, '&#45;&#45;')

function treeToXml(tree: XmlChild): string {
  if (typeof tree === 'string') return `${escapeContent(tree)}\n`
  const indentation = '\t'.repeat(tree.nesting + 1)
  if ('comment' in tree) return `${indentation}<!-- ${escapeComment(tree.comment)} -->\n`
  const attributes = Object.entries(tree.attrs)
    .map(([key, value]) => `${key}="${escapeAttribute(String(value))}"`)
    .join(' ')
  if (!tree.children?.length) return `${indentation}<${tree.tag} ${attributes}/>\n`
  const children = tree.children.map(treeToXml).join('')
  return `${indentation}<${tree.tag} ${attributes}>\n${children}${indentation}</${tree.tag}>\n`
}

const tagOf = (child: XmlChild): string | undefined =>
  typeof child === 'object' && 'tag' in child ? child.tag : undefined

function isFailure(node: XmlChild): boolean {
  if (typeof node !== 'object' || 'comment' in node) return false
  return Boolean(node.children?.some((c) => tagOf(c) === 'failure') || node.attrs.failures)
}

function isSkipped(node: XmlChild): boolean {
  if (typeof node !== 'object' || 'comment' in node) return false
  return Boolean(node.children?.some((c) => tagOf(c) === 'skipped') || node.attrs.skipped)
}

/**
 * Creates a junit reporter fed one event at a time.
 * @example
 * const junit = createJunitReporter({ hostname: 'ci-runner' })
 * for (const event of events) junit.push(event) // the declaration, then ''
 * junit.end() // the test suites and '</testsuites>\n'
 */
export function createJunitReporter(options: ReporterOptions = {}): IncrementalReporter {
  const hostname = options.hostname ?? 'localhost'
  const roots: XmlChild[] = []
  let current: TestNode | null = null
  let header = '<?xml version="1.0" encoding="utf-8"?>\n<testsuites>\n'

  const opening = (): string => {
    const text = header
    header = ''
    return text
  }

  function startTest(data: Pick<TestStartData, 'name' | 'nesting'>): void {
    const parent = current
    const node: TestNode = {
      attrs: { name: data.name },
      nesting: data.nesting,
      parent,
      children: [],
    }
    parent?.children.push(node)
    if (!parent) roots.push(node)
    current = node
  }

  function finishTest(type: 'test:pass' | 'test:fail', data: TestResultData): void {
    if (!current) startTest({ name: 'root', nesting: 0 })
    if (current!.attrs.name !== data.name || current!.nesting !== data.nesting) startTest(data)
    const test = current!
    if (test.nesting === data.nesting) current = test.parent
    test.attrs.time = ((data.details?.duration_ms ?? 0) / 1000).toFixed(6)
    const children = test.children.filter(
      (child) => !(typeof child === 'object' && 'comment' in child),
    )
    if (children.length > 0) {
      test.tag = 'testsuite'
      test.attrs.disabled = 0
      test.attrs.errors = 0
      test.attrs.tests = children.length
      test.attrs.failures = test.children.filter(isFailure).length
      test.attrs.skipped = test.children.filter(isSkipped).length
      test.attrs.hostname = hostname
      return
    }
    test.tag = 'testcase'
    test.attrs.classname = (fieldOf(data, 'classname') as string | undefined) ?? 'test'
    const nesting = data.nesting + 1
    if (data.skip)
      test.children.push({
        nesting,
        tag: 'skipped',
        attrs: { type: 'skipped', message: data.skip },
      })
    if (data.todo)
      test.children.push({ nesting, tag: 'skipped', attrs: { type: 'todo', message: data.todo } })
    if (type === 'test:fail') {
      const error = reviveTestError(data.details?.error)
      const message = (fieldOf(error, 'message') as string | undefined) ?? ''
      const failureType = fieldOf(error, 'failureType') || fieldOf(error, 'code')
      test.children.push({
        nesting,
        tag: 'failure',
        attrs: { type: failureType, message },
        children: [inspectTestError(error)],
      })
      test.attrs.failure = message
    }
  }

  function push(event: TestEvent): string {
    switch (event.type) {
      case 'test:start':
        startTest(event.data)
        break
      case 'test:pass':
      case 'test:fail':
        finishTest(event.type, event.data)
        break
      case 'test:diagnostic':
        ;(current?.children ?? roots).push({
          nesting: event.data.nesting,
          comment: event.data.message,
        })
        break
    }
    return opening()
  }

  return withSharedOptions(
    {
      reads: ['test:start', 'test:pass', 'test:fail', 'test:diagnostic'],
      push,
      end: () => `${opening()}${roots.map(treeToXml).join('')}</testsuites>\n`,
    },
    options,
  )
}

/** The junit reporter as Node's `--test-reporter` takes it. */
export const junit: Reporter = toReporter(createJunitReporter)

export default junit
