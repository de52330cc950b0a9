import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { RebuildableReadModel } from '../projections/read-model.projection';
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
   * Starts rebuilding the named models (all: every one), one after another, and returns at once:
   * `status()` reports their progress. Refused while one of them is still rebuilding.
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
    void (async () => {
      for (const model of chosen) {
        // A failure is in that model's lastRebuild; the others are still rebuilt.
        await model
          .rebuild()
          .catch((error: Error) =>
            this.logger.error(`read model ${model.name} not rebuilt: ${error.message}`),
          );
      }
    })();
    return chosen.map(({ name }) => name);
  }
}
