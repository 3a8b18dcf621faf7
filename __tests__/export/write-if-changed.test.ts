import * as fs from "node:fs";
import * as path from "node:path";
import { UserError } from "../../core/user-error";
import { writeIfChanged, type FileToWrite } from "../../services/export/write-if-changed";
import { tempDir, treeState } from "./helpers";

const nodeFs: typeof fs = require("node:fs");

function mode(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

function ino(dir: string, name: string): number {
  return fs.statSync(path.join(dir, name)).ino;
}

const FILES: FileToWrite[] = [
  { name: "a.cfg", content: "[a]\nx=1\n", mode: 0o644 },
  { name: "b.json", content: "{}\n", mode: 0o644 },
  { name: "README.txt", content: "read me\n", mode: 0o644 },
];

afterEach(() => jest.restoreAllMocks());

describe("writeIfChanged", () => {
  test("writes a new folder's files with their modes; a second run changes nothing", () => {
    // given no folder yet
    const dir = path.join(tempDir(), "out", "acme");
    // when written twice
    const first = writeIfChanged(dir, FILES);
    const before = treeState(dir);
    const second = writeIfChanged(dir, FILES);
    // then the first run wrote every file, with its content and mode
    expect(first).toEqual({ changed: ["a.cfg", "b.json", "README.txt"], unchanged: [], removed: [] });
    for (const f of FILES) {
      expect(fs.readFileSync(path.join(dir, f.name), "utf8")).toBe(f.content);
      expect(mode(path.join(dir, f.name))).toBe(0o644);
    }
    // and the second touched nothing: same inodes, same mtimes, no temp files
    expect(second).toEqual({ changed: [], unchanged: ["a.cfg", "b.json", "README.txt"], removed: [] });
    expect(treeState(dir)).toEqual(before);
  });

  test("replaces only the files whose content changed", () => {
    // given a written folder
    const dir = tempDir();
    writeIfChanged(dir, FILES);
    const inodes = Object.fromEntries(FILES.map((f) => [f.name, ino(dir, f.name)]));
    // when one file's content changes
    const next = FILES.map((f) => (f.name === "b.json" ? { ...f, content: '{"x":1}\n' } : f));
    const report = writeIfChanged(dir, next);
    // then only it was replaced (a new inode: written beside and renamed over)
    expect(report).toEqual({ changed: ["b.json"], unchanged: ["a.cfg", "README.txt"], removed: [] });
    expect(fs.readFileSync(path.join(dir, "b.json"), "utf8")).toBe('{"x":1}\n');
    expect(ino(dir, "b.json")).not.toBe(inodes["b.json"]);
    expect(ino(dir, "a.cfg")).toBe(inodes["a.cfg"]);
    expect(ino(dir, "README.txt")).toBe(inodes["README.txt"]);
    expect(fs.readdirSync(dir).sort()).toEqual(["README.txt", "a.cfg", "b.json"]);
  });

  test("secret files are 0600 in a 0700 folder, whatever the umask and the folder's mode before", () => {
    // given an existing folder open to all, and a permissive umask
    const dir = path.join(tempDir(), "acme");
    fs.mkdirSync(dir, { mode: 0o777 });
    fs.chmodSync(dir, 0o777);
    const umask = process.umask(0);
    try {
      // when a secret file is written with the folder made 0700
      const report = writeIfChanged(dir, [{ name: "s.cfg", content: "p=1\n", mode: 0o600 }, FILES[2]], { folderMode: 0o700 });
      // then the folder is 0700, the secret file 0600, the other 0644
      expect(report.changed).toEqual(["s.cfg", "README.txt"]);
      expect(mode(dir)).toBe(0o700);
      expect(mode(path.join(dir, "s.cfg"))).toBe(0o600);
      expect(mode(path.join(dir, "README.txt"))).toBe(0o644);
    } finally {
      process.umask(umask);
    }
  });

  test("a secret is never readable by others, not even in its temporary file", () => {
    // given a spy that looks at each file as it is fsynced, before the rename
    const dir = tempDir();
    const seen: { file: string; mode: number }[] = [];
    const fsync = nodeFs.fsyncSync;
    jest.spyOn(nodeFs, "fsyncSync").mockImplementation((fd) => {
      const st = nodeFs.fstatSync(fd);
      if (st.isFile()) seen.push({ file: "temp", mode: st.mode & 0o777 });
      fsync(fd);
    });
    const umask = process.umask(0);
    try {
      // when a secret file is written
      writeIfChanged(dir, [{ name: "s.cfg", content: "p=1\n", mode: 0o600 }], { folderMode: 0o700 });
    } finally {
      process.umask(umask);
    }
    // then its temporary file already had mode 0600 with its content in it
    expect(seen).toEqual([{ file: "temp", mode: 0o600 }]);
  });

  test("a file whose mode drifted is rewritten with its mode", () => {
    const dir = tempDir();
    const secret = { name: "s.cfg", content: "p=1\n", mode: 0o600 };
    writeIfChanged(dir, [secret], { folderMode: 0o700 });
    fs.chmodSync(path.join(dir, "s.cfg"), 0o644);
    expect(writeIfChanged(dir, [secret], { folderMode: 0o700 }).changed).toEqual(["s.cfg"]);
    expect(mode(path.join(dir, "s.cfg"))).toBe(0o600);
  });

  test("removes an earlier export's files by name, and leaves every other file alone", () => {
    // given a folder with an earlier .conf export and a file of the user's
    const dir = tempDir();
    writeIfChanged(dir, [{ name: "old.conf", content: "x\n", mode: 0o600 }, ...FILES]);
    fs.writeFileSync(path.join(dir, "notes.txt"), "mine\n");
    // when written again without old.conf, naming it (and a name never written, and one being written) for removal
    const report = writeIfChanged(dir, FILES, { removeNames: ["old.conf", "never-there.cfg", "a.cfg"] });
    // then only the named, unwritten, existing file went
    expect(report).toEqual({ changed: [], unchanged: ["a.cfg", "b.json", "README.txt"], removed: ["old.conf"] });
    expect(fs.readdirSync(dir).sort()).toEqual(["README.txt", "a.cfg", "b.json", "notes.txt"]);
  });

  test("a full disk while writing changes nothing and leaves no temporary file", () => {
    // given a written folder, and a disk that fills up at the second file
    const dir = tempDir();
    writeIfChanged(dir, FILES);
    const before = treeState(dir);
    const write = nodeFs.writeFileSync;
    let calls = 0;
    jest.spyOn(nodeFs, "writeFileSync").mockImplementation((...args: Parameters<typeof fs.writeFileSync>) => {
      if (++calls === 2) throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
      write(...args);
    });
    // when every file changes
    const next = FILES.map((f) => ({ ...f, content: f.content + "more\n" }));
    let error: unknown;
    try {
      writeIfChanged(dir, next, { displayDir: "hybrid-export/acme" });
    } catch (err) {
      error = err;
    }
    // then a UserError names the folder and the cause, and the folder is exactly as it was
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe("cannot write hybrid-export/acme: no space left on device; nothing in it was changed");
    expect(treeState(dir)).toEqual(before);
  });

  test("a path that is a file, not a folder, is a UserError naming it", () => {
    const file = path.join(tempDir(), "acme");
    fs.writeFileSync(file, "");
    expect(() => writeIfChanged(file, FILES, { displayDir: "out/acme" })).toThrow(
      new UserError("out/acme exists and is not a folder; remove it or choose another --out", 2),
    );
  });
});
