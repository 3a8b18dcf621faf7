import { join } from "node:path";
import { Project } from "../core/project";

/** This repository: the project the tests build, whose toolchain and compiled CLI they use. */
export const REPO_ROOT = join(__dirname, "..");
export const REPO_PROJECT: Project = Project.require(REPO_ROOT, "the tests");
