// `pnpm spec:snapshot`: the current spec becomes the released one (run by `pnpm version-packages`).
import { RELEASED_SPEC_FILE, repositoryRoot } from "./released.js";
import { writeSnapshot } from "./snapshot.js";

writeSnapshot(repositoryRoot());
console.log(`spec: recorded the released spec in ${RELEASED_SPEC_FILE}`);
