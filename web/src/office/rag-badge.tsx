import { RAG_LABELS, type RagResult } from '../lib/rag';

/** Colour with words: the state's name and its reasons are always written out. */
export function RagBadge({ rag }: { rag: RagResult }) {
  return (
    <div>
      <span class="app-rag">
        <span class={`app-rag__dot app-rag__dot--${rag.state}`} aria-hidden="true" />
        <strong>{RAG_LABELS[rag.state]}</strong>
      </span>
      <ul class="govuk-list govuk-body-s govuk-!-margin-bottom-0">
        {rag.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
    </div>
  );
}
