import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { ReadModelProjection, RebuildableReadModel } from '../projections/read-model.projection';
import { RebuildProgress } from '../projections/rebuild-progress';

export interface ReadModelStatus {
  readonly name: string;
  /** Store position the saved rows are up to; null: nothing saved yet. */
  readonly checkpoint: string | null;
  /** Events of its streams not applied yet, counted up to 10,000. */
  readonly eventsBehind: number;
  readonly lastRebuild: RebuildProgress | null;
}

/** The hub's read models, for `/read-models`: their positions, and rebuilds started on demand. */
@Injectable()
export class ReadModelRegistry {
  private readonly logger = new Logger('read-models');
  private readonly models = new Map<string, RebuildableReadModel>();

  add(...models: RebuildableReadModel[]): void {
    for (const model of models) this.models.set(model.name, model);
  }

  status(): Promise<ReadModelStatus[]> {
    return Promise.all(
      [...this.models.values()].map(async (model) => ({
        name: model.name,
        ...(await model.position()),
        lastRebuild: model.lastRebuild() ?? null,
      })),
    );
  }

  /**
   * Starts rebuilding the named models (all: every one) and returns at once: `status()` reports
   * their progress. The projections are rebuilt together, from one read of the store; the others
   * one after another. Refused while one of them is still rebuilding.
   */
  rebuild(names?: readonly string[]): string[] {
    const chosen = (names ?? [...this.models.keys()]).map((name) => {
      const model = this.models.get(name);
      if (!model) throw new NotFoundException(`no read model named ${name}`);
      return model;
    });
    const busy = chosen.filter((model) => model.lastRebuild()?.state === 'running');
    if (busy.length > 0) {
      throw new ConflictException(`already rebuilding: ${busy.map(({ name }) => name).join(', ')}`);
    }
    const together = chosen.filter((model) => model instanceof ReadModelProjection);
    const apart = chosen.filter((model) => !(model instanceof ReadModelProjection));
    const failed = (error: Error) => this.logger.error(`read models not rebuilt: ${error.message}`);
    void (async () => {
      // A failure is in that model's lastRebuild; the others are still rebuilt.
      for (const model of apart) await model.rebuild().catch(failed);
      if (together.length > 0) {
        await ReadModelProjection.rebuildTogether(
          together as ReadModelProjection<unknown, never>[],
        ).catch(failed);
      }
    })();
    return chosen.map(({ name }) => name);
  }
}
