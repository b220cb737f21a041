// The problem page's code editor: CodeMirror 6 on every <textarea data-editor="go">.
//
// Progressive enhancement: the textarea stays in the form (hidden), and every change of
// the editor is copied into it and announced with a bubbling `input` event, so the form
// post, htmx's hx-include and the draft autosave (hx-trigger="input changed ...") keep
// reading it as before. Without this script the plain textarea works on its own.
//
// Vim mode lives in a second file (dojo-editor-vim.js), loaded only when enabled; it
// reuses this bundle's CodeMirror modules through window.__dojoEditorModules (see
// build.mjs), because two copies of @codemirror/state cannot share an editor.

import * as state from "@codemirror/state";
import * as view from "@codemirror/view";
import * as language from "@codemirror/language";
import * as commands from "@codemirror/commands";
import * as searchModule from "@codemirror/search";
import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { go } from "@codemirror/lang-go";
import { tags as t, classHighlighter } from "@lezer/highlight";

const { EditorState, Compartment } = state;
const {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter,
  highlightSpecialChars, drawSelection, dropCursor, rectangularSelection, crosshairCursor,
} = view;
const { indentOnInput, bracketMatching, syntaxHighlighting, HighlightStyle, indentUnit } = language;
const { defaultKeymap, history, historyKeymap, indentWithTab } = commands;
const { search, searchKeymap, highlightSelectionMatches } = searchModule;

window.__dojoEditorModules = {
  "@codemirror/state": state,
  "@codemirror/view": view,
  "@codemirror/language": language,
  "@codemirror/commands": commands,
  "@codemirror/search": searchModule,
};

const FONT_KEY = "dojo.editor.fontSize";
const VIM_KEY = "dojo.editor.vim";
const FONT_MIN = 12, FONT_MAX = 20, FONT_DEFAULT = 14;
const HINT_ID = "editor-keys-hint";

// Colours checked against WCAG AA (>= 4.5:1) on the editor's white, the active line
// (#eef3fc) and the matching-bracket background (#d5e3ff).
const dojoHighlight = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.definitionKeyword, t.moduleKeyword, t.operatorKeyword], color: "#7a1fa2" },
  { tag: [t.string, t.special(t.string), t.character], color: "#116329" },
  { tag: t.escape, color: "#0a3069" },
  { tag: [t.comment, t.lineComment, t.blockComment], color: "#57606a", fontStyle: "italic" },
  { tag: [t.number, t.bool, t.null, t.atom], color: "#0550ae" },
  { tag: [t.typeName, t.standard(t.typeName), t.className, t.namespace], color: "#953800" },
  { tag: [t.function(t.variableName), t.function(t.definition(t.variableName)), t.function(t.propertyName)], color: "#1d4f91" },
  { tag: t.definition(t.variableName), color: "#1d2330", fontWeight: "600" },
  { tag: t.invalid, color: "#b3261e" },
]);

const dojoTheme = EditorView.theme({
  "&": { color: "#1d2330", backgroundColor: "#ffffff" },
  ".cm-content": { caretColor: "#1d2330" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "#1d2330" },
  ".cm-gutters": { backgroundColor: "#f2f4f8", color: "#5b6475", borderRight: "1px solid #dde1e8" },
  ".cm-activeLine": { backgroundColor: "#eef3fc" },
  ".cm-activeLineGutter": { backgroundColor: "#e1e8f5", color: "#1d2330" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection":
    { backgroundColor: "#c8d8f8" },
  "&.cm-focused .cm-matchingBracket": { backgroundColor: "#d5e3ff", outline: "1px solid #2457c5" },
  "&.cm-focused .cm-nonmatchingBracket": { backgroundColor: "#ffe1de", outline: "1px solid #b3261e" },
  ".cm-searchMatch": { backgroundColor: "#fff2a8", outline: "1px solid #8a5a00" },
  ".cm-searchMatch.cm-searchMatch-selected": { backgroundColor: "#ffd86b" },
  ".cm-selectionMatch": { backgroundColor: "#e6ebf5" },
  ".cm-panels": { backgroundColor: "#f2f4f8", color: "#1d2330" },
  ".cm-panels.cm-panels-bottom": { borderTop: "1px solid #dde1e8" },
  ".cm-panels.cm-panels-top": { borderBottom: "1px solid #dde1e8" },
});

// ---- preferences (localStorage can be unavailable: private mode, blocked storage) ----

function readPref(key) {
  try { return window.localStorage.getItem(key); } catch (e) { return null; }
}
function writePref(key, value) {
  try { window.localStorage.setItem(key, value); } catch (e) { /* not persisted, still applied */ }
}
function fontSize() {
  const n = parseInt(readPref(FONT_KEY), 10);
  return n >= FONT_MIN && n <= FONT_MAX ? n : FONT_DEFAULT;
}
function vimEnabled() {
  return readPref(VIM_KEY) === "1";
}

// ---- the Vim chunk, loaded once, on demand ----

const scriptSrc = document.currentScript && document.currentScript.src;
let vimPromise = null;
function loadVim() {
  if (!vimPromise) {
    vimPromise = new Promise((resolve, reject) => {
      window.__dojoVimReady = resolve;
      const s = document.createElement("script");
      s.src = new URL("dojo-editor-vim.js", scriptSrc || window.location.href).href;
      s.async = true;
      s.onerror = () => { vimPromise = null; reject(new Error("could not load Vim mode")); };
      document.head.appendChild(s);
    });
  }
  return vimPromise;
}

// ---- editors ----

const editors = new Map(); // textarea -> {view, vimSlot (a Compartment), api}

function labelIdFor(textarea) {
  const label = textarea.labels && textarea.labels[0];
  if (!label) return null;
  if (!label.id) label.id = `${textarea.id || "editor"}-label`;
  return label;
}

function mount(textarea) {
  if (editors.has(textarea)) return editors.get(textarea).api;
  const vimSlot = new Compartment();

  const sync = EditorView.updateListener.of((update) => {
    if (!update.docChanged) return;
    textarea.value = update.state.doc.toString();
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  });

  const label = labelIdFor(textarea);
  // tabindex: it is focusable anyway (contenteditable); saying so lets checkers such as
  // axe see that the scrollable editor has focusable content.
  const contentAttrs = { "aria-describedby": HINT_ID, tabindex: "0" };
  if (label) contentAttrs["aria-labelledby"] = label.id;

  const wrapper = document.createElement("div");
  wrapper.className = "dojo-editor";
  wrapper.dataset.for = textarea.id || "";
  textarea.insertAdjacentElement("afterend", wrapper);

  const editorView = new EditorView({
    parent: wrapper,
    state: EditorState.create({
      doc: textarea.value,
      extensions: [
        vimSlot.of([]), // first, so Vim's keys win over the other keymaps when it is on
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        dropCursor(),
        EditorState.allowMultipleSelections.of(true),
        indentOnInput(),
        syntaxHighlighting(dojoHighlight),
        syntaxHighlighting(classHighlighter), // stable tok-* class names too (tests, user styles)
        bracketMatching(),
        closeBrackets(),
        rectangularSelection(),
        crosshairCursor(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        search({ top: false }),
        go(),
        indentUnit.of("\t"), // gofmt indents with tabs
        EditorState.tabSize.of(4),
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, indentWithTab]),
        // Escape then Tab leaves the editor. CodeMirror arms this in its own Escape
        // handler, which Vim mode pre-empts; arming it here too keeps the rule the same.
        EditorView.domEventObservers({
          keydown(event, v) { if (event.key === "Escape") v.setTabFocusMode(2000); },
        }),
        EditorView.contentAttributes.of(contentAttrs),
        dojoTheme,
        sync,
      ],
    }),
  });

  textarea.hidden = true;
  if (label) {
    // The label's `for` points at the hidden textarea: send its clicks to the editor.
    label.addEventListener("click", (event) => { event.preventDefault(); editorView.focus(); });
  }

  const api = {
    getValue: () => editorView.state.doc.toString(),
    setValue(text) {
      editorView.dispatch({ changes: { from: 0, to: editorView.state.doc.length, insert: String(text) } });
      // The update listener synced it; an unchanged document still gets the textarea right.
      if (textarea.value !== api.getValue()) {
        textarea.value = api.getValue();
        textarea.dispatchEvent(new Event("input", { bubbles: true }));
      }
    },
    focus: () => editorView.focus(),
    // The cursor to `line` (1-based) at `column` (1-based, in UTF-8 bytes as Go counts them),
    // scrolled into the middle of the editor: a compile error's link (static/js/workspace.js).
    goToLine(line, column) {
      const doc = editorView.state.doc;
      const target = doc.line(Math.min(Math.max(1, line | 0), doc.lines));
      let offset = 0;
      for (let bytes = 0; offset < target.length && bytes < (column | 0) - 1;) {
        const code = target.text.codePointAt(offset);
        bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
        offset += code > 0xffff ? 2 : 1;
      }
      const pos = target.from + offset;
      editorView.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: "center" }) });
      editorView.focus();
    },
  };
  editors.set(textarea, { view: editorView, vimSlot, api });
  return api;
}

function resolveTextarea(textareaOrId) {
  if (typeof textareaOrId === "string") return document.getElementById(textareaOrId);
  return textareaOrId || null;
}

function applyFontSize(px) {
  document.documentElement.style.setProperty("--dojo-editor-font-size", `${px}px`);
  for (const { view: v } of editors.values()) v.requestMeasure();
}

async function applyVim(on) {
  let ext = [];
  if (on) {
    const { vim } = await loadVim();
    ext = vim({ status: true });
  }
  for (const { view: v, vimSlot } of editors.values()) v.dispatch({ effects: vimSlot.reconfigure(ext) });
}

// ---- Ctrl/Cmd+Enter submits, Ctrl/Cmd+' runs: in the editor and anywhere on the page ----

function formForShortcut(target) {
  for (const [textarea, { view: v }] of editors) {
    if (target instanceof Node && v.dom.contains(target)) return textarea.form;
  }
  const own = target instanceof Element && target.closest("form");
  if (own && own.querySelector("button[name=mode]")) return own;
  const first = editors.keys().next().value;
  return first ? first.form : null;
}

function onShortcut(event) {
  if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.isComposing) return;
  const mode = event.key === "Enter" ? "submit" : event.key === "'" ? "run" : null;
  if (!mode) return;
  const form = formForShortcut(event.target);
  const button = form && form.querySelector(`button[name=mode][value=${mode}]`);
  if (!button) return;
  // Captured before CodeMirror (and Vim) see it, so Mod-Enter does not also insert a line.
  event.preventDefault();
  event.stopPropagation();
  if (!event.repeat) button.click();
}

// ---- the toolbar: font size, Vim mode, reset to starter ----

function setUpToolbar() {
  const help = document.getElementById("editor-help");
  if (help) help.hidden = false;
  const toolbar = document.getElementById("editor-toolbar");
  if (!toolbar) return;
  toolbar.hidden = false;

  const size = document.getElementById("editor-font-size");
  if (size) {
    size.value = String(fontSize());
    size.addEventListener("change", () => {
      const n = parseInt(size.value, 10);
      if (n >= FONT_MIN && n <= FONT_MAX) { writePref(FONT_KEY, String(n)); applyFontSize(n); }
    });
  }

  const vimBox = document.getElementById("editor-vim");
  if (vimBox) {
    vimBox.checked = vimEnabled();
    vimBox.addEventListener("change", () => {
      writePref(VIM_KEY, vimBox.checked ? "1" : "0");
      applyVim(vimBox.checked).catch(() => { vimBox.checked = false; });
    });
  }

  const reset = document.getElementById("editor-reset");
  if (reset) {
    reset.addEventListener("click", () => {
      const targets = [...editors.keys()].filter((ta) => ta.dataset.starterId);
      if (!targets.length) return;
      if (!window.confirm("Replace your code with the starter code? (Ctrl+Z / Cmd+Z undoes it.)")) return;
      for (const ta of targets) {
        const source = document.getElementById(ta.dataset.starterId);
        if (!source) continue;
        const api = editors.get(ta).api;
        api.setValue(JSON.parse(source.textContent));
        api.focus();
      }
    });
  }
}

function init() {
  applyFontSize(fontSize());
  for (const textarea of document.querySelectorAll("textarea[data-editor]")) mount(textarea);
  if (!editors.size) return;
  document.addEventListener("keydown", onShortcut, true);
  setUpToolbar();
  if (vimEnabled()) applyVim(true).catch(() => {});
}

window.DojoEditor = {
  get(textareaOrId) {
    const ta = resolveTextarea(textareaOrId);
    const entry = ta && editors.get(ta);
    return entry ? entry.api : null;
  },
};

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
else init();
