// The browser specs share one demo shop, and some change it (a real cart
// pruning run archives leads): run them in file-name order, always, instead
// of jest's order by size and past durations, so what one spec finds does
// not depend on which ran before it on that machine.
const Sequencer = require("@jest/test-sequencer").default

class ByName extends Sequencer {
  sort(tests) {
    return [...tests].sort((a, b) => a.path.localeCompare(b.path))
  }
}

module.exports = ByName
