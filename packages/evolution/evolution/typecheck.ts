// The typecheck of every workspace package as one TypeScript program over the scratch copy: each
// package's tsconfig.json decides its files; workspace packages are read from their sources (the
// copy has no dist), so a use through the library's or the server's public entry is checked too.
// One language service keeps the parsed files between steps, so a step re-parses only what changed.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { objectAt } from "../src/spec.js";
import { workspacePackages } from "../src/workspace.js";

export interface CompileError {
  /** Relative to the scratch copy. */
  readonly file: string;
  readonly line: number;
  readonly code: number;
  readonly message: string;
}

/** A place in the code, relative to the scratch copy. */
export interface Place {
  readonly file: string;
  readonly line: number;
}

export class Typecheck {
  readonly #dir: string;
  readonly #service: ts.LanguageService;
  #options: ts.CompilerOptions = {};
  #files: string[] = [];

  constructor(dir: string) {
    this.#dir = dir;
    const versionOf = (file: string): string =>
      file.includes("/node_modules/")
        ? "0"
        : createHash("sha1")
            .update(ts.sys.readFile(file) ?? "")
            .digest("hex");
    const host: ts.LanguageServiceHost = {
      getCompilationSettings: () => this.#options,
      getScriptFileNames: () => this.#files,
      getScriptVersion: versionOf,
      getScriptSnapshot: (file) => {
        const text = ts.sys.readFile(file);
        return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
      },
      getCurrentDirectory: () => dir,
      getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
      fileExists: ts.sys.fileExists,
      readFile: ts.sys.readFile,
      readDirectory: ts.sys.readDirectory,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
      realpath: (path) => ts.sys.realpath?.(path) ?? path,
    };
    this.#service = ts.createLanguageService(host, ts.createDocumentRegistry());
  }

  /** Every error of the program as the workspace stands now (files added since are included). */
  errors(): CompileError[] {
    return this.#errorsOf((program) => ts.getPreEmitDiagnostics(program));
  }

  /** The errors of one file only: a quick look at where the compiler leads next. */
  errorsIn(file: string): CompileError[] {
    return this.#errorsOf((program) => {
      const source = program.getSourceFile(join(this.#dir, file));
      if (source === undefined) throw new Error(`typecheck: ${file} is not in the program`);
      return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    });
  }

  #errorsOf(diagnose: (program: ts.Program) => readonly ts.Diagnostic[]): CompileError[] {
    this.#configure();
    const program = this.#service.getProgram();
    if (program === undefined) throw new Error("typecheck: no program");
    return diagnose(program).map((diagnostic) => {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
      if (diagnostic.file === undefined || diagnostic.start === undefined) {
        return { file: "", line: 0, code: diagnostic.code, message };
      }
      const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      return {
        file: relative(this.#dir, diagnostic.file.fileName),
        line: line + 1,
        code: diagnostic.code,
        message,
      };
    });
  }

  /**
   * Every place that refers to a symbol, but its declaration: the one found in `file` by looking for
   * each of `anchors` in turn after the previous one (e.g. `["StreamToken: {", "created:"]`).
   */
  references(file: string, anchors: readonly string[]): Place[] {
    this.#configure();
    const fileName = join(this.#dir, file);
    const text = readFileSync(fileName, "utf8");
    let position = 0;
    for (const anchor of anchors) {
      position = text.indexOf(anchor, position);
      if (position < 0) throw new Error(`typecheck: ${anchors.join(" ... ")} is not in ${file}`);
    }
    const places: Place[] = [];
    for (const symbol of this.#service.findReferences(fileName, position) ?? []) {
      for (const reference of symbol.references) {
        if (reference.isDefinition) continue;
        const program = this.#service.getProgram();
        const source = program?.getSourceFile(reference.fileName);
        if (source === undefined) continue;
        const { line } = source.getLineAndCharacterOfPosition(reference.textSpan.start);
        places.push({ file: relative(this.#dir, reference.fileName), line: line + 1 });
      }
    }
    return places;
  }

  /**
   * Every read of a field by the name `field` that no type connects to a schema: `value.created` on
   * a `Record<string, unknown>`, `value["created"]`, `"created" in value`, `Reflect.get(value,
   * "created")`. A rename of the field fails none of them; generated code is left out.
   */
  untypedReads(field: string): Place[] {
    this.#configure();
    const program = this.#service.getProgram();
    if (program === undefined) throw new Error("typecheck: no program");
    const checker = program.getTypeChecker();
    const places: Place[] = [];
    const isName = (node: ts.Node) => ts.isStringLiteralLike(node) && node.text === field;
    const untyped = (receiver: ts.Expression) =>
      checker.getTypeAtLocation(receiver).getProperty(field) === undefined;
    for (const source of program.getSourceFiles()) {
      if (source.fileName.includes("/node_modules/") || source.fileName.includes("/generated/")) continue;
      const visit = (node: ts.Node): void => {
        const read =
          (ts.isPropertyAccessExpression(node) && node.name.text === field && untyped(node.expression)) ||
          (ts.isElementAccessExpression(node) &&
            isName(node.argumentExpression) &&
            untyped(node.expression)) ||
          (ts.isBinaryExpression(node) &&
            node.operatorToken.kind === ts.SyntaxKind.InKeyword &&
            isName(node.left)) ||
          (ts.isCallExpression(node) &&
            node.expression.getText(source) === "Reflect.get" &&
            node.arguments.some(isName));
        if (read) {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
          places.push({ file: relative(this.#dir, source.fileName), line: line + 1 });
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    return places;
  }

  // Each package's tsconfig.json, read anew before each step: the union of their files and options.
  #configure(): void {
    const files = new Set<string>();
    const libs = new Set<string>();
    const typeRoots = new Set<string>();
    const paths: Record<string, string[]> = {};
    let options: ts.CompilerOptions | undefined;
    for (const { dir, manifest } of workspacePackages(this.#dir)) {
      const packageDir = join(this.#dir, dir);
      const configPath = join(packageDir, "tsconfig.json");
      if (!existsSync(configPath)) continue;
      const read = ts.readConfigFile(configPath, ts.sys.readFile);
      const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, packageDir, undefined, configPath);
      for (const file of parsed.fileNames) files.add(file);
      for (const lib of parsed.options.lib ?? []) libs.add(lib);
      if (existsSync(join(packageDir, "node_modules/@types")))
        typeRoots.add(join(packageDir, "node_modules/@types"));
      const jsx = options?.jsx ?? parsed.options.jsx;
      options = { ...parsed.options, ...options, ...(jsx === undefined ? {} : { jsx }) };
      // A package whose entries are built (dist) is read from its sources: the copy builds nothing.
      // Its main entry is src/index.ts, and a subpath entry (`./rotator`) src/<subpath>.ts.
      const name = manifest.name;
      const exports = objectAt(manifest, "exports") ?? {};
      if (typeof name === "string" && JSON.stringify(exports).includes("./dist/")) {
        for (const subpath of Object.keys(exports)) {
          const source = subpath === "." ? "index" : subpath.slice(2);
          const entry = join(packageDir, `src/${source}.ts`);
          if (existsSync(entry)) paths[subpath === "." ? name : `${name}/${source}`] = [entry];
        }
      }
    }
    if (options === undefined) throw new Error("typecheck: no package has a tsconfig.json");
    this.#files = [...files].sort();
    this.#options = {
      ...options,
      noEmit: true,
      lib: [...libs],
      types: ["node"],
      typeRoots: [...typeRoots],
      paths,
    };
    delete this.#options.configFilePath;
  }
}
