// Vim mode, a separate file that the editor loads only when the user turns it on.
// Its @codemirror/* imports resolve to the main bundle's modules (build.mjs), so both
// files share one copy of CodeMirror.
import { vim, Vim, getCM } from "@replit/codemirror-vim";

window.__dojoVimReady({ vim, Vim, getCM });
