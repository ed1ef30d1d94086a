// The model the scoring service serves with, and its lifecycle: fitted at start from the store,
// refitted in the background every REFIT_INTERVAL_SECONDS, switched to the saved model version the
// store has active (polled every MODEL_POLL_SECONDS, or activated through the API), and given the
// new catalog after a product write. A swap never blocks requests: they keep the current model
// until the new one is assigned (one assignment), and `onSwap` (the scoring service clears its
// cache) runs right after.
import type { Logger } from '../log';
import type { Db } from '../store/db';
import { loadProducts, loadTrainingData } from '../store/snapshot';
import {
  activateModelVersion, activeModelVersion, activeModelVersionId, findModelVersion, listModelVersions, type ModelVersionInfo,
} from '../train/modelVersions';
import type { RecommendationEngine } from './engine';
import { ModelVersionLoader } from './modelLoader';
import type { Pretrained } from './pipeline';
import type { ProductInfo, TrainingData } from './types';

/** Fit an engine on the store's data; `pretrained` is the active saved model version, loaded, when there is one. */
export type FitEngine = (data: TrainingData, pretrained?: Pretrained | null) => RecommendationEngine | Promise<RecommendationEngine>;

/**
 * What a request is scored with: swapped as a whole, never mutated. `activeVersion` is the saved
 * version the store had active when it was fitted (the engine may score with an older one if that
 * one's artifact could not be loaded).
 */
export interface Model { engine: RecommendationEngine; catalog: readonly ProductInfo[]; fittedAt: Date; activeVersion: string | null }

export interface ModelHolderOptions {
  db: Db;
  log: Logger;
  fit: FitEngine;
  /** Where relative artifact paths of model versions are resolved (MODELS_DIR). */
  modelsDir: string;
  refitIntervalSeconds: number;
  pollSeconds: number;
  /** Called after every swap of the model or its catalog. */
  onSwap: () => void;
}

export class ModelHolder {
  private model!: Model;
  private readonly log: Logger;
  private readonly onSwap: () => void;
  private refitting: Promise<void> | null = null;
  /** Bumped by every catalog write, so a refit that read the catalog before one keeps the newer catalog. */
  private catalogEpoch = 0;
  /**
   * Catalog reloads run one after the other: a reload that started later (after a later write)
   * is applied later, so two writes' reloads finishing out of order can never put back the older
   * catalog (they did: a product deactivated by the second write was recommended again).
   */
  private catalogReload: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  /** The poll in progress, if any (polls never overlap). */
  private polling: Promise<void> | null = null;
  /** The active version (null: none) the poll last failed to switch to: not retried until the store changes. */
  private pollGaveUp: string | null | undefined = undefined;
  private readonly versions: ModelVersionLoader;
  /** Model activations run one after the other (the last one requested wins). */
  private activation: Promise<unknown> = Promise.resolve();

  private constructor(private readonly options: ModelHolderOptions) {
    this.log = options.log;
    this.onSwap = options.onSwap;
    this.versions = new ModelVersionLoader(options.modelsDir, this.log);
  }

  /** Fit the first engine from the store, then refit and poll periodically in the background. */
  static async start(options: ModelHolderOptions): Promise<ModelHolder> {
    const holder = new ModelHolder(options);
    holder.model = await holder.fitModel();
    if (options.refitIntervalSeconds > 0) {
      holder.timer = setInterval(() => void holder.refit(), options.refitIntervalSeconds * 1000);
      holder.timer.unref();
    }
    if (options.pollSeconds > 0) {
      holder.pollTimer = setInterval(() => void holder.pollActiveVersion(), options.pollSeconds * 1000);
      holder.pollTimer.unref();
    }
    return holder;
  }

  /** The model requests are scored with now. */
  get current(): Model {
    return this.model;
  }

  private async fitModel(): Promise<Model> {
    const started = Date.now();
    const data = await loadTrainingData(this.options.db);
    const active = await activeModelVersion(this.options.db);
    const pretrained = this.versions.forActive(active);
    this.log.info({ customers: data.customers.length, modelVersion: pretrained?.version ?? null },
      pretrained ? 'fitting the engine with the saved model version'
        : 'fitting the engine; no model version is active, so weighted learned models are trained in-process (a minute or more; `npm run train` saves a version)');
    const engine = await this.options.fit(data, pretrained);
    const catalog = data.products.filter((p) => p.active);
    this.log.info({ engine: engine.name, configHash: engine.configHash, modelVersion: engine.modelVersion ?? null, customers: data.customers.length,
      products: catalog.length, ms: Date.now() - started }, 'engine fitted');
    return { engine, catalog, fittedAt: new Date(), activeVersion: active?.id ?? null };
  }

  /**
   * Switch to the version the store has active when it is not the one the current model was fitted
   * with (activated by another process: `npm run train`, or a rollback done in the database). The
   * artifact is loaded first: one that cannot be loaded is logged and skipped until the active
   * version changes again, and the current model keeps serving. Polls never overlap.
   */
  pollActiveVersion(): Promise<void> {
    this.polling ??= this.checkActiveVersion()
      .catch((e: unknown) => { this.log.error({ err: e }, 'model version check failed'); })
      .finally(() => { this.polling = null; });
    return this.polling;
  }

  private async checkActiveVersion(): Promise<void> {
    const id = await activeModelVersionId(this.options.db);
    if (id === this.model.activeVersion || id === this.pollGaveUp) return;
    const run = this.activation.catch(() => undefined).then(async () => {
      const active = await activeModelVersion(this.options.db);
      const target = active?.id ?? null;
      if (target === this.model.activeVersion) return; // switched meanwhile (the mutation)
      if (active && this.versions.forActive(active)?.version !== target) { this.pollGaveUp = target; return; } // cannot be loaded: logged
      this.log.info({ modelVersion: target, previous: this.model.activeVersion }, 'active model version changed in the store; switching');
      await this.refitting; // a refit in flight read the previous active version: refit again after it
      await this.refit();
      if (this.model.activeVersion !== target) {
        this.pollGaveUp = target; // the refit failed (logged): no refit every poll; the next change or refit tries again
        this.log.warn({ modelVersion: target }, 'could not switch to the active model version; keeping the current model');
      }
    });
    this.activation = run;
    await run;
  }

  /** Every saved model version, newest first. */
  modelVersions(): Promise<ModelVersionInfo[]> {
    return listModelVersions(this.options.db);
  }

  /**
   * Make a saved model version the active one (or roll back to an older one) and swap the engine:
   * requests keep the current engine until the new one is ready, then every list is scored (and
   * reports being scored) with this version; the cache is cleared on the swap. The artifact is
   * loaded before the store is changed, so a missing or broken artifact changes nothing.
   */
  activateModelVersion(id: string): Promise<ModelVersionInfo> {
    const run = this.activation.catch(() => undefined).then(async () => {
      const found = await findModelVersion(this.options.db, id);
      if (found) this.versions.forActivation(found); // loaded before the store changes; a damaged one is refused
      const activated = await activateModelVersion(this.options.db, id);
      await this.refitting; // a refit in flight read the previous active version: refit again after it
      await this.refit();
      if (this.model.engine.modelVersion !== activated.id) {
        this.log.warn({ modelVersion: activated.id, engine: this.model.engine.modelVersion }, 'activated version is not in use (WEIGHT_NEURAL=0 or the refit failed)');
      }
      return activated;
    });
    this.activation = run;
    return run;
  }

  /** Refit from the current store and swap the new model in; concurrent calls share one refit. */
  refit(): Promise<void> {
    const epoch = this.catalogEpoch;
    this.refitting ??= this.fitModel()
      .then((model) => {
        // A catalog write since the fit read the store: the catalog kept by the reloads is newer
        // (and a reload still queued will be applied onto this model after it).
        this.model = epoch !== this.catalogEpoch ? { ...model, catalog: this.model.catalog } : model;
        this.onSwap();
      })
      .catch((e: unknown) => { this.log.error({ err: e }, 'refit failed; keeping the current engine'); })
      .finally(() => { this.refitting = null; });
    return this.refitting;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.timer = null;
    this.pollTimer = null;
    await this.polling;
    await this.refitting;
  }


  /**
   * The catalog changed in the store (a product written): read the active catalog (queued behind
   * any reload in progress) and apply it; a refit that read the store before this keeps the newer catalog.
   */
  catalogChanged(): Promise<void> {
    this.catalogEpoch += 1;
    const next = this.catalogReload.catch(() => undefined).then(async () => {
      const catalog = await loadProducts(this.options.db, { activeOnly: true, linesOnly: true });
      this.model = { ...this.model, catalog };
      this.onSwap();
    });
    this.catalogReload = next;
    return next;
  }
}
