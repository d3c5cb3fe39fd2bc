// Writes the built console (dist/) as a C++ source file that licensord is linked with, so that
// licensord stays one binary. Text files are stored gzip-compressed too, and sent that way to
// browsers that accept it. Usage: node embed.mjs DIST_DIR OUTPUT_CPP
import { readdirSync, readFileSync, statSync, writeFileSync, existsSync } from "node:fs";
import { join, relative, extname } from "node:path";
import { gzipSync } from "node:zlib";

const [dist, output] = process.argv.slice(2);
if (!dist || !output) {
  console.error("usage: node embed.mjs DIST_DIR OUTPUT_CPP");
  process.exit(2);
}
if (!existsSync(join(dist, "index.html"))) {
  console.error(`${dist}/index.html is missing: build the console first (make build, or ` +
                "scripts/build-console.sh)");
  process.exit(1);
}

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
};
const compressible = new Set([".html", ".js", ".css", ".svg", ".json", ".txt"]);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

// Octal escapes are at most three digits, so a following digit is never swallowed.
function literal(bytes) {
  let out = '"';
  let line = 0;
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    const piece =
      b >= 0x20 && b < 0x7f && c !== '"' && c !== "\\" && c !== "?" ? c : "\\" + b.toString(8).padStart(3, "0");
    out += piece;
    line += piece.length;
    if (line > 100) {
      out += '"\n    "';
      line = 0;
    }
  }
  return out + '"';
}

const entries = walk(dist)
  .sort()
  .map((file) => {
    const path = "/" + relative(dist, file).split("\\").join("/");
    const ext = extname(file);
    const body = readFileSync(file);
    const type = types[ext];
    if (!type) {
      console.error(`no content type for ${path}`);
      process.exit(1);
    }
    const gzip = compressible.has(ext) ? gzipSync(body, { level: 9 }) : Buffer.alloc(0);
    return { path, type, body, gzip };
  });

let cpp = "// Generated from the built console by web/console/scripts/embed.mjs; do not edit.\n";
cpp += '#include "server/console_assets.hpp"\n\nnamespace licensor::server {\nnamespace {\n\n';
entries.forEach((e, i) => {
  cpp += `constexpr char kBody${i}[] = ${literal(e.body)};\n`;
  cpp += `constexpr char kGzip${i}[] = ${literal(e.gzip)};\n`;
});
cpp += "\nconstexpr ConsoleAsset kAssets[] = {\n";
entries.forEach((e, i) => {
  cpp += `    {"${e.path}", "${e.type}", {kBody${i}, ${e.body.length}}, {kGzip${i}, ${e.gzip.length}}},\n`;
});
cpp += "};\n\n}  // namespace\n\n";
cpp += "std::span<const ConsoleAsset> ConsoleAssets() { return kAssets; }\n\n";
cpp += "}  // namespace licensor::server\n";
writeFileSync(output, cpp);
