import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Flex, Tag, Tooltip, Typography } from 'antd';
import { FileExcelOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { useT } from '../../lib/i18n.js';
import type { PairSide, ReviewPair } from './api.js';
import { WeightBar, signed, weightColor } from './bars.js';
import { consolidationMessages, type ConsolidationMessageKey } from './messages.js';
import './consolidation.css';

// A review pair side by side: one row per compared field with the two values as the departments
// wrote them (differences highlighted) and the field's signed part in the match weight.

const FIELDS = ['name', 'gender', 'birthDate', 'residentId', 'mobile', 'employer', 'town'] as const;

/** Values compared loosely (spaces and full-width forms), so "张 三" and "张三" do not light up. */
const norm = (v: string | undefined) => (v ?? '').normalize('NFKC').replace(/\s+/g, '').toLowerCase();

function SideHeader({ side, label }: { side: PairSide; label: string }) {
  const t = useT(consolidationMessages);
  return (
    <div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label}
      </Typography.Text>
      <div>
        <FileExcelOutlined style={{ color: '#237804', marginInlineEnd: 6 }} aria-hidden />
        <Typography.Text strong>{side.sourceName}</Typography.Text>
      </div>
      <div style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
        <Typography.Text type="secondary">{side.fileName}</Typography.Text>
        <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
          {' · '}
          {t('review.row', { n: side.rowNumber })}
        </Typography.Text>
      </div>
      <div style={{ fontSize: 12 }}>
        <Typography.Text type="secondary">{t('review.person')}</Typography.Text>
        {side.personId !== null ? (
          <Link to={`/persons/${side.personId}`}>
            {side.personName ?? ''} (#{side.personId})
          </Link>
        ) : (
          <Typography.Text type="secondary">{t('review.noPerson')}</Typography.Text>
        )}
      </div>
    </div>
  );
}

export function PairCompare({ pair }: { pair: ReviewPair }) {
  const t = useT(consolidationMessages);
  const label = (prefix: 'level' | 'field', code: string) => {
    const key = `${prefix}.${code}` as ConsolidationMessageKey;
    const text = t(key);
    return text === key ? code : text;
  };
  const byField = new Map(pair.contributions.map((c) => [c.field, c]));
  const sum = pair.contributions.reduce((s, c) => s + c.weight, 0);
  // The engine adds the prior log-odds of a random pair matching; shown so the rows add up to the total.
  const prior = pair.weight - sum;
  const showPrior = Math.abs(prior) >= 0.005;
  const max = Math.max(1, ...pair.contributions.map((c) => Math.abs(c.weight)), showPrior ? Math.abs(prior) : 0);
  const fields: string[] = [...FIELDS, ...pair.contributions.map((c) => c.field).filter((f) => !(FIELDS as readonly string[]).includes(f))];

  const value = (v: string | undefined): ReactNode =>
    v ? <span className="tx-pair-value">{v}</span> : <Typography.Text type="secondary">{t('level.null')}</Typography.Text>;

  const weightCell = (w: number, extra?: ReactNode) => (
    <Flex align="center" gap={8} justify="flex-end">
      {extra}
      <span className="tx-pair-weight" style={{ color: weightColor(w) }}>
        {signed(w)}
      </span>
      <WeightBar weight={w} max={max} />
    </Flex>
  );

  return (
    // Focusable: on a narrow screen the table scrolls sideways, and the keyboard must reach that too.
    <div className="tx-pair-table-wrap" tabIndex={0} role="region" aria-label={t('review.pairTitle', { id: pair.id })}>
      <table className="tx-pair-table" data-testid="pair-compare">
        <caption className="tx-visually-hidden">{t('review.pairTitle', { id: pair.id })}</caption>
        <colgroup>
          <col style={{ width: 96 }} />
          <col />
          <col />
          <col style={{ width: 250 }} />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">{t('review.field')}</th>
            <th scope="col">
              <SideHeader side={pair.a} label={t('review.recordA')} />
            </th>
            <th scope="col">
              <SideHeader side={pair.b} label={t('review.recordB')} />
            </th>
            <th scope="col" style={{ textAlign: 'end' }}>
              {t('review.contribution')}
            </th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => {
            const a = pair.a.values[f];
            const b = pair.b.values[f];
            const differs = !!a && !!b && norm(a) !== norm(b);
            const c = byField.get(f);
            return (
              <tr key={f} className={differs ? 'tx-pair-differs' : undefined} data-field={f}>
                <th scope="row">{label('field', f)}</th>
                <td>{value(a)}</td>
                <td>
                  {value(b)}
                  {differs && <span className="tx-visually-hidden">（{t('review.differs')}）</span>}
                </td>
                <td>
                  {c ? (
                    weightCell(
                      c.weight,
                      <Tag style={{ marginInlineEnd: 0 }} variant="filled">
                        {label('level', c.level)}
                      </Tag>,
                    )
                  ) : (
                    <Typography.Text type="secondary">—</Typography.Text>
                  )}
                </td>
              </tr>
            );
          })}
          {showPrior && (
            <tr className="tx-pair-prior">
              <th scope="row" colSpan={3}>
                {t('review.prior')}
              </th>
              <td>{weightCell(prior)}</td>
            </tr>
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              <Flex align="center" gap={6}>
                {t('review.totalWeight')}
                <Tooltip title={t('review.weightHelp')}>
                  <QuestionCircleOutlined aria-label={t('review.weightHelp')} tabIndex={0} style={{ color: 'rgba(0,0,0,0.45)' }} />
                </Tooltip>
              </Flex>
            </th>
            <td>{weightCell(pair.weight)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
