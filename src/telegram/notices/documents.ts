/**
 * Turns the document reference of an outbox item into the file the sender sends, from what
 * the store holds at send time. Undefined when the reference is stale (a newer item carries
 * the newer version) or nothing is left to fill: the item is then settled without a send.
 */
import type { DocumentRef } from '../../core/notices.ts';
import type { Services } from '../../services/index.ts';

export interface RenderedDocument {
  bytes: Buffer;
  fileName: string;
}

type DocumentRenderers = { [K in DocumentRef['kind']]: (services: Services, shardId: string, ref: Extract<DocumentRef, { kind: K }>) => Promise<RenderedDocument | undefined> };

const RENDERERS: DocumentRenderers = {
  evaluationCopy: async (services, shardId, ref) => {
    const src = await services.review.copySource(shardId, ref);
    if (!src) return undefined;
    const { evaluationCopyFileName, evaluationDocx } = await import('../../documents/evaluation.ts');
    return { bytes: await evaluationDocx(src), fileName: evaluationCopyFileName(src.year, src.member.name) };
  },
};

export function renderDocument(services: Services, shardId: string, ref: DocumentRef): Promise<RenderedDocument | undefined> {
  return RENDERERS[ref.kind](services, shardId, ref);
}
