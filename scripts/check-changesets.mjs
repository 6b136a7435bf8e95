// Every changeset must keep the front matter `changeset version` reads: `---`, one
// `"@daebug/<package>": major|minor|patch` line per package, `---`, then the summary. (A Markdown
// formatter once turned these into headings, which changesets cannot parse.)
import { readdirSync, readFileSync } from 'node:fs'

const FRONT_MATTER = /^---\n(?:"@daebug\/[a-z-]+": (?:major|minor|patch)\n)+---\n\n\S/
const folder = new URL('../.changeset/', import.meta.url)
const broken = readdirSync(folder)
  .filter((name) => name.endsWith('.md') && name !== 'README.md')
  .filter((name) => !FRONT_MATTER.test(readFileSync(new URL(name, folder), 'utf8')))
if (broken.length > 0) {
  console.error(
    `These changesets lack the front matter changesets reads (---, "@daebug/<package>": minor lines, ---, a blank line, the summary): ${broken.join(', ')}`,
  )
  process.exit(1)
}
