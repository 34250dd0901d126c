import { useMemo } from 'preact/hooks';
import { isKindedType, kindedFromContent } from '../lib/kinded';
import { KindedSummary } from './kinded-summary';
import { ReplySummary } from './reply-summary';

/** Any submitted return, read in the page: the Information Request Reply, the other returns, a nil return. */
export function ReturnSummary(props: {
  returnType: string;
  content: unknown;
  analysisColumns?: boolean | undefined;
  headingLevel?: 2 | 3;
}) {
  const { returnType, content, analysisColumns, headingLevel = 2 } = props;
  const kind = content && typeof content === 'object' ? (content as { kind?: unknown }).kind : undefined;
  const kinded = kind === 'nil-return' || (kind !== undefined && isKindedType(returnType));
  // Read once per return, not at each render of the page around it: a chronology can have 1,000 rows.
  const form = useMemo(
    () => (kinded ? kindedFromContent(isKindedType(returnType) ? returnType : 'chronology', content) : undefined),
    [kinded, returnType, content],
  );
  const analysis = useMemo(() => analysisColumns ?? hasAnalysis(content), [analysisColumns, content]);
  if (form) return <KindedSummary form={form} analysisColumns={analysis} headingLevel={headingLevel} />;
  return <ReplySummary content={content} headingLevel={headingLevel} />;
}

/** A submitted chronology has the analysis columns if any row answers them. */
function hasAnalysis(content: unknown): boolean {
  const rows = (content as { rows?: unknown[] } | undefined)?.rows;
  return Array.isArray(rows) && rows.some((r) => r && typeof r === 'object' && 'expectedPractice' in r);
}
