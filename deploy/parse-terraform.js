// node parse-terraform.js DIR: every DIR/*.tf parsed by @cdktf/hcl2json, keys sorted, as JSON.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const { parse } = require("@cdktf/hcl2json");
const version = require("@cdktf/hcl2json/package.json").version;

function sorted(value) {
  if (Array.isArray(value)) return value.map(sorted);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted(value[k])]));
  }
  return value;
}

async function main(dir) {
  const files = {};
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith(".tf")).sort()) {
    const text = fs.readFileSync(path.join(dir, name));
    files[name] = {
      sha256: crypto.createHash("sha256").update(text).digest("hex"),
      hcl: await parse(name, text.toString("utf8")),
    };
  }
  const doc = { parser: "@cdktf/hcl2json " + version, files };
  process.stdout.write(JSON.stringify(sorted(doc), null, 2) + "\n");
}

main(process.argv[2]).catch((e) => {
  console.error(e);
  process.exit(1);
});
