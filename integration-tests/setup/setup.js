// Each test file builds its own ORM metadata; clear what a previous file left.
const { MetadataStorage } = require("@medusajs/framework/mikro-orm/core")

MetadataStorage.clear()
