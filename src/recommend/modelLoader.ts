// The saved model versions a scoring service loads: each one read from its artifact once and kept
// while it is the one in use; a version whose artifact cannot be loaded is logged once and skipped
// (the model loaded before it keeps serving), unless an operator activates it explicitly, which
// retries it and, if it still fails, refuses with FAILED_PRECONDITION (never a server path).
import path from 'node:path';
import type { Logger } from '../log';
import { loadModelBundle } from '../train/modelArtifact';
import { artifactDir, type ModelVersionInfo } from '../train/modelVersions';
import { FailedPreconditionError } from './errors';
import type { Pretrained } from './pipeline';

export class ModelVersionLoader {
  /** The last loaded version, kept so a periodic refit does not re-read an unchanged artifact. */
  private loaded: Pretrained | null = null;
  /** Versions whose artifact could not be loaded: not read again unless activated explicitly. */
  private readonly unloadable = new Set<string>();

  constructor(private readonly modelsDir: string, private readonly log: Logger) {}

  private dirOf(v: Pick<ModelVersionInfo, 'artifactPath'>): string {
    return artifactDir(v, path.resolve(this.modelsDir));
  }

  /** The active version, loaded; null when none is active; the previously loaded one when it cannot be loaded. */
  forActive(active: ModelVersionInfo | null): Pretrained | null {
    if (!active) return null;
    if (this.loaded?.version === active.id || this.unloadable.has(active.id)) return this.loaded;
    const dir = this.dirOf(active);
    try {
      this.loaded = { version: active.id, ...loadModelBundle(dir) };
    } catch (e) {
      this.unloadable.add(active.id);
      this.log.error({ err: e, modelVersion: active.id, dir, current: this.loaded?.version ?? null },
        'the active model version cannot be loaded; keeping the current model');
      return this.loaded;
    }
    this.log.info({ modelVersion: active.id, dir }, 'loaded saved model version');
    return this.loaded;
  }

  /** Load a version an operator is activating (a version skipped earlier is tried again), or FAILED_PRECONDITION. */
  forActivation(version: ModelVersionInfo): Pretrained {
    const dir = this.dirOf(version);
    try {
      this.loaded = { version: version.id, ...loadModelBundle(dir) };
      this.unloadable.delete(version.id);
      return this.loaded;
    } catch (e) {
      this.log.warn({ err: e, modelVersion: version.id, dir }, 'model version cannot be activated');
      const reason = (e as Error).message.split(dir).join(`<models>/${version.id}`);
      throw new FailedPreconditionError('id', `model version "${version.id}" cannot be activated: ${reason}`);
    }
  }
}
