// Copies a built corroborate binary into server/ so that the packaged
// extension carries it. Usage: npm run bundle-server [-- path/to/corroborate]
const fs = require('fs');
const path = require('path');

const exe = process.platform === 'win32' ? 'corroborate.exe' : 'corroborate';
const from = process.argv[2] || path.join(__dirname, '..', '..', '..', 'target', 'release', exe);
if (!fs.existsSync(from)) {
  console.error(`no binary at ${from}; build it with \`cargo build --release\` first`);
  process.exit(1);
}
const dir = path.join(__dirname, '..', 'server');
fs.mkdirSync(dir, { recursive: true });
fs.copyFileSync(from, path.join(dir, exe));
fs.chmodSync(path.join(dir, exe), 0o755);
console.log(`bundled ${from} into server/${exe}`);
