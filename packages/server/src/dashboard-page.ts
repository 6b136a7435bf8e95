/**
 * The dashboard's page (SPEC §4.4): one HTML document with its style and script inline, so it
 * needs no build step. It reads `/__daebug/api/realms`, follows `/__daebug/api/events`
 * (server-sent lifecycle events), and shows each realm's latest reply as its log has it.
 */

/** The dashboard, as served at `/__daebug/`. */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Daebug dashboard</title>
<style>
  :root { color-scheme: light dark; font: 14px/1.45 system-ui, sans-serif; }
  body { margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem; }
  h1 { font-size: 1.3rem; margin: 0 0 .25rem; }
  h2 { font-size: 1rem; margin: 1.5rem 0 .5rem; }
  #status { color: GrayText; margin: 0 0 1rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid color-mix(in srgb, CanvasText 15%, transparent); vertical-align: top; }
  .state { font-weight: 600; }
  .state-live { color: #1a7f37; } .state-executing, .state-queued { color: #9a6700; }
  .state-disconnected, .state-failed { color: #cf222e; } .state-reloaded { color: #0969da; }
  .reply { margin: .5rem 0 1rem; border-left: 3px solid color-mix(in srgb, CanvasText 25%, transparent); padding-left: .75rem; }
  .reply h4 { margin: 0; font-size: .95rem; }
  pre { background: color-mix(in srgb, CanvasText 6%, transparent); padding: .5rem .75rem; overflow: auto; margin: .25rem 0; }
  .muted { color: GrayText; }
  ul { padding-left: 1.2rem; }
</style>
</head>
<body>
<h1>👾 Daebug</h1>
<p id="status">connecting…</p>
<h2>Realms</h2>
<table><thead><tr><th>Realm</th><th>Kind</th><th>State</th><th>Last activity</th><th>Page</th><th>Log</th></tr></thead><tbody id="realms"><tr><td colspan="6" class="muted">no realms connected yet</td></tr></tbody></table>
<h2>Jobs</h2>
<ul id="jobs"><li class="muted">no jobs yet</li></ul>
<h2>Test runs</h2>
<ul id="runs"><li class="muted">no test runs yet</li></ul>
<h2>Latest replies</h2>
<div id="replies"><p class="muted">no replies yet</p></div>
<script type="module">
const api = '/__daebug/api'
const realms = new Map()
const jobs = new Map()
const runs = new Map()
const replies = []
const $ = (id) => document.getElementById(id)
const clock = (time) => new Date(time).toLocaleTimeString([], { hour12: false })
const text = (tag, content, className) => {
  const node = document.createElement(tag)
  node.textContent = content
  if (className) node.className = className
  return node
}

function renderRealms() {
  const body = $('realms')
  body.replaceChildren()
  const list = [...realms.values()].sort((a, b) => b.lastSeen - a.lastSeen)
  if (!list.length) body.append(row([text('td', 'no realms connected yet', 'muted')]))
  for (const realm of list) {
    const log = document.createElement('a')
    log.href = api + '/realms/' + encodeURIComponent(realm.name) + '/log'
    log.textContent = realm.logPath
    const cells = [
      text('td', realm.name),
      text('td', realm.kind),
      text('td', realm.state + (realm.queued ? ' (' + realm.queued + ' queued)' : ''), 'state state-' + realm.state),
      text('td', clock(realm.lastSeen)),
      text('td', realm.kind === 'page' ? (realm.title ? realm.title + ' — ' : '') + realm.url : ''),
      cell(log),
    ]
    const tr = row(cells)
    tr.dataset.realm = realm.name
    body.append(tr)
  }
}
const cell = (child) => { const td = document.createElement('td'); td.append(child); return td }
const row = (cells) => { const tr = document.createElement('tr'); tr.append(...cells); return tr }

function renderJobs() {
  const list = $('jobs')
  const open = [...jobs.values()].filter((job) => job.state !== 'done')
  list.replaceChildren(...(open.length ? open.map((job) =>
    text('li', job.state + ' in ' + job.realm + ' for ' + job.agent + ': ' + job.code.slice(0, 120))) : [text('li', 'no jobs queued or running', 'muted')]))
}

function renderRuns() {
  const list = $('runs')
  const items = [...runs.values()].slice(-10).reverse().map((run) => {
    const s = run.summary
    const line = s
      ? run.realm + ': ' + s.passed + ' passed, ' + (s.failed + s.cancelled) + ' failed, ' + s.skipped + ' skipped' + (run.aborted ? ' — ' + run.aborted : '')
      : run.realm + ': running since ' + clock(run.time) + '…'
    return text('li', line)
  })
  list.replaceChildren(...(items.length ? items : [text('li', 'no test runs yet', 'muted')]))
}

function renderReplies() {
  const box = $('replies')
  box.replaceChildren(...(replies.length ? replies.map(({ realm, block }) => {
    const div = document.createElement('div')
    div.className = 'reply'
    div.dataset.realm = realm
    const lines = block.split('\\n')
    div.append(text('h4', lines[0].replace(/^#+ /, '')))
    let fence = null
    for (const line of lines.slice(1)) {
      if (/^\`{3,}/.test(line)) {
        if (fence) { div.append(text('pre', fence.join('\\n'))); fence = null }
        else fence = []
      } else if (fence) fence.push(line)
      else if (/^#{5} /.test(line)) div.append(text('div', line.replace(/^#+ /, ''), 'muted'))
      else if (line.trim()) div.append(text('p', line))
    }
    return div
  }) : [text('p', 'no replies yet', 'muted')]))
}

/** The last reply block of a log: its header line to the next blank line. */
function lastReply(log) {
  const lines = log.split('\\n')
  for (let i = lines.length - 1; i >= 0; i--) {
    if (!/^#### (👍|🚫)/u.test(lines[i])) continue
    let end = i + 1
    while (end < lines.length && lines[end] !== '') end++
    return lines.slice(i, end).join('\\n')
  }
  return undefined
}

async function showReply(realm) {
  const response = await fetch(api + '/realms/' + encodeURIComponent(realm) + '/log?tail=200')
  if (!response.ok) return
  const block = lastReply(await response.text())
  if (!block) return
  replies.unshift({ realm, block })
  replies.length = Math.min(replies.length, 10)
  renderReplies()
}

async function refreshRealms() {
  const response = await fetch(api + '/realms')
  const body = await response.json()
  realms.clear()
  for (const realm of body.realms) realms.set(realm.name, realm)
  renderRealms()
}

function onEvent(event) {
  switch (event.type) {
    case 'realm:connected':
    case 'realm:disconnected':
      realms.set(event.realm.name, event.realm)
      renderRealms()
      break
    case 'realm:state': {
      const realm = realms.get(event.realm)
      if (realm) { realm.state = event.state; realm.queued = event.queued; realm.lastSeen = event.time; renderRealms() }
      break
    }
    case 'job:accepted':
      jobs.set(event.jobId, { ...event, state: 'queued' })
      renderJobs()
      break
    case 'job:started': {
      const job = jobs.get(event.jobId)
      if (job) job.state = 'running'
      renderJobs()
      break
    }
    case 'job:finished':
      jobs.delete(event.jobId)
      renderJobs()
      void showReply(event.realm)
      void refreshRealms()
      break
    case 'run:start':
      runs.set(event.runId, { ...event })
      renderRuns()
      break
    case 'run:complete':
      runs.set(event.runId, { ...runs.get(event.runId), ...event })
      renderRuns()
      break
  }
}

const source = new EventSource(api + '/events')
source.onopen = () => { $('status').textContent = 'live: updates as they happen'; void refreshRealms() }
source.onerror = () => { $('status').textContent = 'disconnected from the server; retrying…' }
source.onmessage = (message) => onEvent(JSON.parse(message.data))
</script>
</body>
</html>
`
