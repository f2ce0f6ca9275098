// The three public packages' metadata, derived from the root package.json, where the repository URL
// is written once. `node scripts/public-packages.mjs` checks (run by `pnpm check`); `--write` fixes:
// - repository (with the package's directory), homepage, bugs, license and engines as the root says;
// - a LICENSE file equal to the root's;
// - README links that npm's page cannot follow (relative, to a file the package does not ship)
//   made absolute, to the file on the repository's default branch.
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, normalize, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const write = process.argv.includes("--write");
const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));
const rootManifest = readJson(join(root, "package.json"));
const repositoryUrl = rootManifest.repository.url.replace(/^git\+/, "").replace(/\.git$/, "");

/** Every workspace package that is not private, with its folder relative to the root. */
export function publicPackages() {
  return ["packages", "apps"]
    .flatMap((group) => readdirSync(join(root, group)).map((name) => join(group, name)))
    .filter((dir) => existsSync(join(root, dir, "package.json")))
    .map((dir) => ({ dir, manifest: readJson(join(root, dir, "package.json")) }))
    .filter(({ manifest }) => manifest.private !== true);
}

function expectedMetadata(dir) {
  return {
    homepage: `${repositoryUrl}/tree/main/${dir}#readme`,
    bugs: { url: `${repositoryUrl}/issues` },
    repository: { type: "git", url: rootManifest.repository.url, directory: dir },
    license: rootManifest.license,
    engines: rootManifest.engines,
  };
}

/** Whether `target` (relative to the package) is inside what the package ships. */
function ships(manifest, target) {
  const path = normalize(target);
  if (path.startsWith("..")) return false;
  return ["package.json", ...(manifest.files ?? [])].some((entry) => {
    const glob = entry.replace(/\*.*$/, "");
    return path === entry || path.startsWith(glob.endsWith("/") ? glob : `${glob}/`);
  });
}

const LINK = /\]\((?!https?:|mailto:|#)([^)\s]+)\)/g;

function absoluteLinks(dir, manifest, text) {
  const problems = [];
  const fixed = text.replace(LINK, (whole, target) => {
    const [path, anchor] = target.split("#");
    if (ships(manifest, path)) return whole;
    const inRepo = relative(root, join(root, dir, path)) || ".";
    const absolute = `${repositoryUrl}/${existsSync(join(root, inRepo)) && !inRepo.includes(".") ? "tree" : "blob"}/main/${inRepo}${anchor ? `#${anchor}` : ""}`;
    problems.push(`${dir}/README.md links to ${target}, which the package does not ship: use ${absolute}`);
    return `](${absolute})`;
  });
  return { problems, fixed };
}

const problems = [];
for (const { dir, manifest } of publicPackages()) {
  const path = join(root, dir, "package.json");
  const expected = expectedMetadata(dir);
  let changed = false;
  for (const [field, value] of Object.entries(expected)) {
    if (JSON.stringify(manifest[field]) === JSON.stringify(value)) continue;
    problems.push(`${dir}/package.json: ${field} should be ${JSON.stringify(value)}`);
    manifest[field] = value;
    changed = true;
  }
  for (const field of ["description", "keywords", "files"]) {
    if (manifest[field] === undefined) problems.push(`${dir}/package.json has no ${field}`);
  }
  if (write && changed) writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);

  const license = join(root, dir, "LICENSE");
  const rootLicense = readFileSync(join(root, "LICENSE"), "utf8");
  if (!existsSync(license) || readFileSync(license, "utf8") !== rootLicense) {
    problems.push(`${dir}/LICENSE differs from the root's`);
    if (write) copyFileSync(join(root, "LICENSE"), license);
  }

  const readme = join(root, dir, "README.md");
  if (!existsSync(readme)) {
    problems.push(`${dir} has no README.md`);
    continue;
  }
  const links = absoluteLinks(dir, manifest, readFileSync(readme, "utf8"));
  problems.push(...links.problems);
  if (write && links.problems.length > 0) writeFileSync(readme, links.fixed);
}

if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  console.error(write ? "fixed; review the diff" : "run `node scripts/public-packages.mjs --write` to fix");
  process.exit(write ? 0 : 1);
}
