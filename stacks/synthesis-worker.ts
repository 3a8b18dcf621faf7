// A synthesis worker thread's entry, for callers other than main.ts (which is its own): see parallel-synthesis.ts.
import { serveSynthesisWorker } from "./parallel-synthesis";

serveSynthesisWorker();
