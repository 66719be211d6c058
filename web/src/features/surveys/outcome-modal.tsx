import { Alert, Form, Input } from 'antd';
import type { SurveyItem, SurveyOutcome } from '../../../../common/src/schemas/surveys.js';
import { useT } from '../../lib/i18n.js';
import { FormModal } from '../../components/form-modal.js';
import { surveyMessages } from './messages.js';

/** An outcome that takes the person off the active register, so it is confirmed first. */
export type WeightyOutcome = Exclude<SurveyOutcome, 'confirmed'>;

export interface OutcomeRequest {
  item: SurveyItem;
  outcome: WeightyOutcome;
}

/** Asks to confirm "moved / left / deceased" for a person, with an optional note. */
export function OutcomeModal({
  request,
  submitting,
  onClose,
  onSubmit,
}: {
  request: OutcomeRequest | null;
  submitting: boolean;
  onClose: () => void;
  onSubmit: (request: OutcomeRequest, note: string) => Promise<void>;
}) {
  const t = useT(surveyMessages);
  const outcome = request?.outcome ?? 'moved';
  const name = request?.item.personName ?? '';
  const label = t(`status.${outcome}`);
  // Changing an earlier "moved" keeps its note to edit; otherwise start blank.
  const initialNote = request && request.item.status === request.outcome ? request.item.note : '';
  return (
    <FormModal<{ note?: string }>
      open={request !== null}
      title={t('decide.title', { name, outcome: label })}
      okText={t('decide.ok', { outcome: label })}
      submitting={submitting}
      onClose={onClose}
      name="survey-outcome"
      initialValues={{ note: initialNote }}
      notice={<Alert type="warning" showIcon title={t(`decide.notice.${outcome}`, { name })} style={{ marginBottom: 16 }} />}
      onSubmit={async (values) => {
        if (request) await onSubmit(request, (values.note ?? '').trim());
      }}
    >
      <Form.Item name="note" label={t('decide.note')}>
        <Input.TextArea rows={3} maxLength={500} showCount placeholder={t(`decide.notePlaceholder.${outcome}`)} autoFocus />
      </Form.Item>
    </FormModal>
  );
}
