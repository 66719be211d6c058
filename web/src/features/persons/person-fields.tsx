import { useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Alert, Col, Divider, Form, Input, Row, Select, Tag, Typography } from 'antd';
import type { FormRule } from 'antd';
import type { Person } from '../../../../common/src/schemas/persons.js';
import {
  DEGREE,
  EDUCATION,
  EMPLOYER_KINDS,
  ETHNICITY,
  GENDER,
  INDUSTRIES,
  PERSON_STATUS,
  POLITICAL,
  REP_LEVELS,
} from '../../../../common/src/dictionaries/person-dictionaries.js';
import type { Dictionary } from '../../../../common/src/dictionaries/dictionary.js';
import { parseLooseDate } from '../../../../common/src/validation/dates.js';
import { normalizeMobile } from '../../../../common/src/validation/mobile.js';
import { parseResidentId } from '../../../../common/src/validation/resident-id.js';
import { parseUscc } from '../../../../common/src/validation/uscc.js';
import { useLocale, useT } from '../../lib/i18n.js';
import { useDuplicateCheck, type DuplicateCandidate } from './api.js';
import { personMessages, type PersonMessageKey } from './messages.js';
import { TAG_SEPARATORS, dictOptions, groupPickerOptions, useGroupName } from './person-tags.js';
import { usePlaces } from './places.js';

export interface PersonFormValues {
  name: string;
  formerNames: string;
  penName: string;
  gender: string | null;
  ethnicity: string | null;
  birthDate: string;
  residentId: string;
  mobile: string;
  political: string | null;
  political2: string | null;
  partyJoinDate: string;
  party2JoinDate: string;
  education: string | null;
  degree: string | null;
  school: string;
  major: string;
  employerName: string;
  employerUscc: string;
  employerKind: string | null;
  employerIndustry: string | null;
  post: string;
  title: string;
  qualification: string;
  groups: string[];
  workTownId: number | null;
  workCommunityId: number | null;
  residenceTownId: number | null;
  residenceCommunityId: number | null;
  tags: string[];
  repLevel: string;
  status: string;
  notes: string;
}

/** A rule from a validator of common/src/validation that accepts an empty value. */
function checkRule(check: (v: string) => string | null): FormRule {
  return {
    validator: (_, value: string | undefined) => {
      const v = (value ?? '').trim();
      const problem = v ? check(v) : null;
      return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
    },
  };
}

function Section({ title }: { title: string }) {
  return (
    <Divider titlePlacement="start" orientationMargin={0} style={{ marginTop: 8 }}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
    </Divider>
  );
}

const half = { xs: 24, sm: 12 };

/** The person form's fields, in sections; inside the drawer's form. */
export function PersonFields({ editing }: { editing: Person | null }) {
  const t = useT(personMessages);
  const { locale } = useLocale();
  const form = Form.useFormInstance<PersonFormValues>();
  const places = usePlaces();
  const groupName = useGroupName();
  const workTownId = Form.useWatch('workTownId', form);
  const residenceTownId = Form.useWatch('residenceTownId', form);

  const label = (key: PersonMessageKey) => t(key);
  const dictSelect = (dict: Dictionary, extra: { allowClear?: boolean } = {}) => (
    <Select
      allowClear={extra.allowClear ?? true}
      placeholder={t('selectPlaceholder')}
      options={dictOptions(dict, locale)}
      showSearch={{ optionFilterProp: 'label' }}
      popupMatchSelectWidth={false}
    />
  );

  const dateRule = checkRule((v) => (parseLooseDate(v).valid ? null : t('dateInvalid')));
  const residentIdRule = checkRule((v) => {
    const r = parseResidentId(v);
    if (r.valid) return null;
    return r.problems.includes('checksum') ? t('residentIdChecksum') : t('residentIdFormat');
  });
  const mobileRule = checkRule((v) => (normalizeMobile(v).valid ? null : t('mobileInvalid')));
  const usccRule = checkRule((v) => (parseUscc(v).valid ? null : t('usccInvalid')));

  // Duplicate check (new persons only): once the ID, or name + birth date + mobile, are filled.
  const duplicates = useDuplicateCheck();
  const [candidates, setCandidates] = useState<DuplicateCandidate[]>([]);
  const lastCheck = useRef('');
  const checkDuplicates = () => {
    if (editing) return;
    const v = form.getFieldsValue(['name', 'birthDate', 'residentId', 'mobile']) as Partial<PersonFormValues>;
    const body = {
      name: (v.name ?? '').trim(),
      birthDate: (v.birthDate ?? '').trim(),
      residentId: (v.residentId ?? '').trim(),
      mobile: (v.mobile ?? '').trim(),
    };
    const idReady = body.residentId !== '' && parseResidentId(body.residentId).value !== null;
    const trioReady = body.name !== '' && body.birthDate !== '' && normalizeMobile(body.mobile).valid;
    if (!idReady && !trioReady) {
      setCandidates([]);
      return;
    }
    const key = JSON.stringify(body);
    if (key === lastCheck.current) return;
    lastCheck.current = key;
    duplicates.mutate(body, { onSuccess: setCandidates, onError: () => setCandidates([]) });
  };

  // A valid resident ID fills in the birth date and sex when they are still empty.
  const onResidentIdBlur = () => {
    const r = parseResidentId((form.getFieldValue('residentId') as string | undefined)?.trim() ?? '');
    if (r.valid) {
      if (!form.getFieldValue('birthDate') && r.birthDate) form.setFieldValue('birthDate', r.birthDate);
      if (!form.getFieldValue('gender') && r.gender) form.setFieldValue('gender', r.gender);
    }
    checkDuplicates();
  };

  // Choosing a town drops a community outside it; choosing a community sets its town.
  const townSelect = (communityField: 'workCommunityId' | 'residenceCommunityId', keep: number | null | undefined) => (
    <Select
      allowClear
      placeholder={t('selectPlaceholder')}
      loading={places.loading}
      options={places.townOptions(keep)}
      showSearch={{ optionFilterProp: 'label' }}
      onChange={(next: number | undefined) => {
        const community = form.getFieldValue(communityField) as number | null;
        if (community && places.byId.get(community)?.parentId !== next) form.setFieldValue(communityField, null);
      }}
    />
  );
  const communitySelect = (townField: 'workTownId' | 'residenceTownId', townId: number | null | undefined, keep: number | null | undefined) => (
    <Select
      allowClear
      placeholder={t('selectPlaceholder')}
      loading={places.loading}
      options={places.communityOptions(townId, keep)}
      showSearch={{ optionFilterProp: 'label' }}
      popupMatchSelectWidth={false}
      onChange={(next: number | undefined) => {
        const parent = next ? places.byId.get(next)?.parentId : undefined;
        if (parent && form.getFieldValue(townField) !== parent) form.setFieldValue(townField, parent);
      }}
    />
  );

  const item = (name: keyof PersonFormValues, children: ReactNode, opts: { span?: object; rules?: FormRule[]; extra?: ReactNode; required?: boolean; validateTrigger?: string[] } = {}) => (
    <Col {...(opts.span ?? half)}>
      <Form.Item
        name={name}
        label={label(`field.${name}` as PersonMessageKey)}
        rules={opts.rules}
        extra={opts.extra}
        required={opts.required}
        validateTrigger={opts.validateTrigger}
      >
        {children}
      </Form.Item>
    </Col>
  );
  const blurChecked = ['onBlur'];

  return (
    <Row gutter={16}>
      <Col span={24}>
        <Section title={t('section.basic')} />
      </Col>
      {item('name', <Input maxLength={60} autoFocus autoComplete="off" onBlur={checkDuplicates} />, {
        rules: [{ required: true, whitespace: true, message: t('nameRequired') }],
      })}
      {item('gender', dictSelect(GENDER))}
      {item('formerNames', <Input maxLength={200} autoComplete="off" />)}
      {item('penName', <Input maxLength={60} autoComplete="off" />)}
      {item('ethnicity', dictSelect(ETHNICITY))}
      {item('birthDate', <Input maxLength={20} placeholder={t('datePlaceholder')} autoComplete="off" onBlur={checkDuplicates} />, {
        rules: [dateRule],
        validateTrigger: blurChecked,
      })}

      <Col span={24}>
        <Section title={t('section.identity')} />
      </Col>
      {item(
        'residentId',
        <Input maxLength={40} placeholder={editing?.residentId ?? undefined} autoComplete="off" onBlur={onResidentIdBlur} style={{ fontVariantNumeric: 'tabular-nums' }} />,
        {
          rules: [residentIdRule],
          validateTrigger: blurChecked,
          extra: editing?.residentId ? t('residentIdKeep', { masked: editing.residentId }) : editing ? undefined : t('residentIdHint'),
        },
      )}
      {item('mobile', <Input maxLength={40} placeholder={editing?.mobile ?? undefined} autoComplete="off" inputMode="tel" onBlur={checkDuplicates} />, {
        rules: [mobileRule],
        validateTrigger: blurChecked,
        extra: editing?.mobile ? t('mobileKeep', { masked: editing.mobile }) : undefined,
      })}
      {candidates.length > 0 && (
        <Col span={24}>
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('duplicatesTitle')}
            description={
              <>
                <div>{t('duplicatesBody')}</div>
                <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                  {candidates.map((c) => (
                    <li key={c.id}>
                      <Link to={`/persons/${c.id}`} target="_blank" rel="noopener">
                        {c.name}
                      </Link>
                      {[c.birthDate, c.employerName, c.unitName].filter(Boolean).map((s) => ` · ${s}`)}
                      {' '}
                      <Tag color="warning" style={{ marginInlineStart: 4 }}>
                        {c.matchedBy === 'residentId' ? t('duplicateMatchedResidentId') : t('duplicateMatchedNameBirthMobile')}
                      </Tag>
                    </li>
                  ))}
                </ul>
              </>
            }
          />
        </Col>
      )}

      <Col span={24}>
        <Section title={t('section.political')} />
      </Col>
      {item('political', dictSelect(POLITICAL))}
      {item('partyJoinDate', <Input maxLength={20} placeholder={t('datePlaceholder')} autoComplete="off" />, { rules: [dateRule], validateTrigger: blurChecked })}
      {item('political2', dictSelect(POLITICAL))}
      {item('party2JoinDate', <Input maxLength={20} placeholder={t('datePlaceholder')} autoComplete="off" />, { rules: [dateRule], validateTrigger: blurChecked })}

      <Col span={24}>
        <Section title={t('section.education')} />
      </Col>
      {item('education', dictSelect(EDUCATION))}
      {item('degree', dictSelect(DEGREE))}
      {item('school', <Input maxLength={100} autoComplete="off" />)}
      {item('major', <Input maxLength={100} autoComplete="off" />)}

      <Col span={24}>
        <Section title={t('section.employer')} />
      </Col>
      {item('employerName', <Input maxLength={200} autoComplete="off" />)}
      {item('employerUscc', <Input maxLength={30} autoComplete="off" />, { rules: [usccRule], validateTrigger: blurChecked })}
      {item('employerKind', dictSelect(EMPLOYER_KINDS))}
      {item('employerIndustry', dictSelect(INDUSTRIES))}
      {item('post', <Input maxLength={100} autoComplete="off" />)}
      {item('title', <Input maxLength={60} autoComplete="off" />)}
      {item('qualification', <Input maxLength={100} autoComplete="off" />, { span: { span: 24 } })}

      <Col span={24}>
        <Section title={t('section.groupsPlaces')} />
      </Col>
      {item(
        'groups',
        <Select
          mode="multiple"
          allowClear
          placeholder={t('groupsPlaceholder')}
          options={groupPickerOptions(locale, (name) => t('groupWhole', { name }))}
          showSearch={{ optionFilterProp: 'label' }}
          tagRender={({ value, closable, onClose }) => (
            <Tag closable={closable} onClose={onClose} style={{ marginInlineEnd: 4 }}>
              {groupName(String(value))}
            </Tag>
          )}
        />,
        { span: { span: 24 } },
      )}
      {item('workTownId', townSelect('workCommunityId', editing?.workTown?.id))}
      {item('workCommunityId', communitySelect('workTownId', workTownId, editing?.workCommunity?.id))}
      {item('residenceTownId', townSelect('residenceCommunityId', editing?.residenceTown?.id))}
      {item('residenceCommunityId', communitySelect('residenceTownId', residenceTownId, editing?.residenceCommunity?.id))}

      <Col span={24}>
        <Section title={t('section.tagsStatus')} />
      </Col>
      {item('tags', <Select mode="tags" allowClear placeholder={t('tagsHint')} tokenSeparators={TAG_SEPARATORS} open={false} suffixIcon={null} />, {
        span: { span: 24 },
      })}
      {item('repLevel', dictSelect(REP_LEVELS, { allowClear: false }))}
      {item('status', dictSelect(PERSON_STATUS, { allowClear: false }))}
      {item('notes', <Input.TextArea rows={3} maxLength={2000} showCount />, { span: { span: 24 } })}
    </Row>
  );
}
