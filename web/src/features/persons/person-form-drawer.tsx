import { useRef, useState } from 'react';
import { App, Button, Drawer, Space } from 'antd';
import type { FormInstance } from 'antd';
import type { Person, PersonCreateBody, PersonUpdateBody } from '../../../../common/src/schemas/persons.js';
import { ApiRequestError } from '../../lib/api.js';
import { useT } from '../../lib/i18n.js';
import { componentMessages } from '../../components/messages.js';
import { OverlayForm } from '../../components/overlay-form.js';
import { useQueryClient } from '@tanstack/react-query';
import { fetchPerson, useCreatePerson, useUpdatePerson } from './api.js';
import { personMessages } from './messages.js';
import { PersonFields, type PersonFormValues } from './person-fields.js';

// The create/edit drawer of a person. It is the shared form drawer's pattern (a fresh form on every
// opening, server field errors under the fields, a guard against losing unsaved edits) with one more
// button: "save and add another" when creating.

export type PersonDrawerState = { mode: 'create' } | { mode: 'edit'; person: Person } | null;

const FORM_ID = 'personForm';

const EMPTY: PersonFormValues = {
  name: '',
  formerNames: '',
  penName: '',
  gender: null,
  ethnicity: null,
  birthDate: '',
  residentId: '',
  mobile: '',
  political: null,
  political2: null,
  partyJoinDate: '',
  party2JoinDate: '',
  education: null,
  degree: null,
  school: '',
  major: '',
  employerName: '',
  employerUscc: '',
  employerKind: null,
  employerIndustry: null,
  post: '',
  title: '',
  qualification: '',
  groups: [],
  workTownId: null,
  workCommunityId: null,
  residenceTownId: null,
  residenceCommunityId: null,
  tags: [],
  repLevel: 'none',
  status: 'active',
  notes: '',
};

function valuesOf(p: Person): PersonFormValues {
  return {
    name: p.name,
    formerNames: p.formerNames,
    penName: p.penName,
    gender: p.gender,
    ethnicity: p.ethnicity,
    birthDate: p.birthDate ?? '',
    // The stored ID and mobile are never sent to the browser: empty means "keep".
    residentId: '',
    mobile: '',
    political: p.political,
    political2: p.political2,
    partyJoinDate: p.partyJoinDate ?? '',
    party2JoinDate: p.party2JoinDate ?? '',
    education: p.education,
    degree: p.degree,
    school: p.school,
    major: p.major,
    employerName: p.employer?.name ?? '',
    employerUscc: p.employer?.uscc ?? '',
    employerKind: p.employer?.kind ?? null,
    employerIndustry: p.employer?.industry ?? null,
    post: p.post,
    title: p.title,
    qualification: p.qualification,
    groups: p.groups,
    workTownId: p.workTown?.id ?? null,
    workCommunityId: p.workCommunity?.id ?? null,
    residenceTownId: p.residenceTown?.id ?? null,
    residenceCommunityId: p.residenceCommunity?.id ?? null,
    tags: p.tags,
    repLevel: p.repLevel,
    status: p.status,
    notes: p.notes,
  };
}

const trim = (v: string | undefined | null) => (v ?? '').trim();

function bodyOf(v: PersonFormValues): PersonCreateBody {
  return {
    name: trim(v.name),
    formerNames: trim(v.formerNames),
    penName: trim(v.penName),
    gender: v.gender ?? null,
    ethnicity: v.ethnicity ?? null,
    birthDate: trim(v.birthDate),
    residentId: trim(v.residentId),
    mobile: trim(v.mobile),
    political: v.political ?? null,
    political2: v.political2 ?? null,
    partyJoinDate: trim(v.partyJoinDate),
    party2JoinDate: trim(v.party2JoinDate),
    education: v.education ?? null,
    degree: v.degree ?? null,
    school: trim(v.school),
    major: trim(v.major),
    employerName: trim(v.employerName),
    employerUscc: trim(v.employerUscc),
    employerKind: v.employerKind ?? null,
    employerIndustry: v.employerIndustry ?? null,
    post: trim(v.post),
    title: trim(v.title),
    qualification: trim(v.qualification),
    groups: v.groups ?? [],
    workTownId: v.workTownId ?? null,
    workCommunityId: v.workCommunityId ?? null,
    residenceTownId: v.residenceTownId ?? null,
    residenceCommunityId: v.residenceCommunityId ?? null,
    tags: [...new Set((v.tags ?? []).map((s) => s.trim()).filter(Boolean))],
    repLevel: v.repLevel ?? 'none',
    status: v.status ?? 'active',
    notes: trim(v.notes),
  };
}

/**
 * The edit's body: every field of the form (the server records only what really changed), except an
 * empty resident ID or mobile, which keeps the stored one; plus the version the edit started from.
 * Sending the whole form rather than the changed fields also keeps an update from depending on the
 * server treating absent fields as "unchanged".
 */
function updateBodyOf(person: Person, values: PersonFormValues): PersonUpdateBody {
  const { residentId, mobile, ...rest } = bodyOf(values);
  return {
    ...rest,
    ...(residentId ? { residentId } : {}),
    ...(mobile ? { mobile } : {}),
    version: person.version,
  };
}

export function PersonFormDrawer({
  state,
  onClose,
  onSaved,
  onReloaded,
}: {
  state: PersonDrawerState;
  onClose: () => void;
  /** After saving (not after "save and add another", which keeps the drawer open). */
  onSaved: (person: Person, mode: 'create' | 'edit') => void;
  /** After a version conflict, the latest record to edit instead. */
  onReloaded: (person: Person) => void;
}) {
  const t = useT(personMessages);
  const tc = useT(componentMessages);
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const create = useCreatePerson();
  const update = useUpdatePerson();
  const formRef = useRef<FormInstance<PersonFormValues> | null>(null);
  const continueRef = useRef(false);
  // Bumped after "save and add another" so the fields (and their duplicate check) start afresh.
  const [round, setRound] = useState(0);
  const editing = state?.mode === 'edit' ? state.person : null;

  const requestClose = () => {
    if (!formRef.current?.isFieldsTouched()) {
      onClose();
      return;
    }
    modal.confirm({
      title: tc('unsaved.title'),
      content: tc('unsaved.body'),
      okText: tc('unsaved.discard'),
      cancelText: tc('unsaved.keep'),
      okButtonProps: { danger: true },
      autoFocusButton: 'cancel',
      onOk: () => onClose(),
    });
  };

  const offerReload = (person: Person) => {
    modal.confirm({
      title: t('conflictTitle'),
      content: t('conflictBody'),
      okText: t('conflictReload'),
      cancelText: t('conflictKeep'),
      onOk: async () => onReloaded(await fetchPerson(qc, person.id)),
    });
  };

  const submit = async (values: PersonFormValues) => {
    const andContinue = continueRef.current;
    continueRef.current = false;
    if (editing) {
      try {
        const saved = await update.mutateAsync({ id: editing.id, body: updateBodyOf(editing, values) });
        onSaved(saved, 'edit');
      } catch (err) {
        if (err instanceof ApiRequestError && err.code === 'person.versionConflict') offerReload(editing);
        throw err;
      }
      return;
    }
    const created = await create.mutateAsync(bodyOf(values));
    if (andContinue) {
      message.success(t('createdContinue', { name: created.name }));
      setRound((r) => r + 1);
    } else {
      onSaved(created, 'create');
    }
  };

  const submitting = create.isPending || update.isPending;
  return (
    <Drawer
      open={state !== null}
      title={editing ? t('editTitle', { name: editing.name }) : t('createTitle')}
      size={760}
      onClose={requestClose}
      destroyOnHidden
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={requestClose}>{tc('cancel')}</Button>
          {!editing && (
            // Not a submit button, so Enter in a field means the primary "save", not this one.
            <Button
              disabled={submitting}
              onClick={() => {
                continueRef.current = true;
                formRef.current?.submit();
              }}
            >
              {t('saveAndContinue')}
            </Button>
          )}
          <Button
            type="primary"
            htmlType="submit"
            form={FORM_ID}
            loading={submitting}
            onClick={() => {
              continueRef.current = false;
            }}
          >
            {editing ? t('save') : t('submitCreate')}
          </Button>
        </Space>
      }
    >
      {state !== null && (
        <OverlayForm<PersonFormValues>
          key={editing ? `edit-${editing.id}-${editing.version}` : `create-${round}`}
          name={FORM_ID}
          initialValues={editing ? valuesOf(editing) : EMPTY}
          onSubmit={submit}
          formRef={formRef}
        >
          <PersonFields editing={editing} />
        </OverlayForm>
      )}
    </Drawer>
  );
}
