import { createCounter, increment, reset } from './counter.js'

/** The page's live state: what an agent inspects and changes through Daebug. */
export const state = { counter: createCounter() }

const output = /** @type {HTMLOutputElement} */ (document.getElementById('count'))

function render() {
  output.value = String(state.counter.value)
}

document.getElementById('increment')?.addEventListener('click', () => {
  state.counter = increment(state.counter)
  render()
})
document.getElementById('reset')?.addEventListener('click', () => {
  state.counter = reset(state.counter)
  render()
})
render()
