import { Col, Form, Input, InputNumber, Select, Space } from 'antd';
import type { FormInstance } from 'antd';
import {
  EDUCATION,
  EMPLOYER_KINDS,
  ETHNICITY,
  GENDER,
  INDUSTRIES,
  PERSON_GROUPS,
  PERSON_STATUS,
  POLITICAL,
  REP_LEVELS,
} from '../../../../common/src/dictionaries/person-dictionaries.js';
import { useLocale, useT } from '../../lib/i18n.js';
import { FilterForm } from '../../components/filter-form.js';
import type { PersonFilters } from './filters.js';
import { useSources } from './api.js';
import { personMessages } from './messages.js';
import { TAG_SEPARATORS, dictOptions, subGroupOptions } from './person-tags.js';
import type { Places } from './places.js';

export interface FilterValues {
  q?: string;
  townId?: number | null;
  communityId?: number | null;
  gender?: string | null;
  ethnicity?: string[];
  political?: string[];
  education?: string[];
  group?: string[];
  subGroup?: string[];
  employerKind?: string[];
  industry?: string[];
  ageMin?: number | null;
  ageMax?: number | null;
  tag?: string[];
  repLevel?: string[];
  status?: string[];
  sourceId?: number | null;
}

const LIST_KEYS = ['ethnicity', 'political', 'education', 'group', 'subGroup', 'employerKind', 'industry', 'tag', 'repLevel', 'status'] as const;

export function filtersToValues(f: PersonFilters): FilterValues {
  return {
    q: f.q,
    townId: f.townId ?? null,
    communityId: f.communityId ?? null,
    gender: f.gender?.[0] ?? null,
    ethnicity: f.ethnicity ?? [],
    political: f.political ?? [],
    education: f.education ?? [],
    group: f.group ?? [],
    subGroup: f.subGroup ?? [],
    employerKind: f.employerKind ?? [],
    industry: f.industry ?? [],
    ageMin: f.ageMin ?? null,
    ageMax: f.ageMax ?? null,
    tag: f.tag ?? [],
    repLevel: f.repLevel ?? [],
    status: f.status ?? [],
    sourceId: f.sourceId ?? null,
  };
}

/** Form values → filters; keeps the URL-only filters (degree, organisation) of `current`. */
export function valuesToFilters(v: FilterValues, current: PersonFilters = {}): PersonFilters {
  const out: PersonFilters = {};
  if (v.q?.trim()) out.q = v.q.trim().slice(0, 64);
  if (v.townId) out.townId = v.townId;
  if (v.communityId) out.communityId = v.communityId;
  if (v.gender) out.gender = [v.gender];
  if (v.sourceId) out.sourceId = v.sourceId;
  if (current.degree?.length) out.degree = current.degree;
  for (const key of LIST_KEYS) {
    const values = (v[key] ?? []).map((s) => s.trim()).filter(Boolean);
    if (values.length) out[key] = values;
  }
  let { ageMin, ageMax } = v;
  if (typeof ageMin === 'number' && typeof ageMax === 'number' && ageMin > ageMax) [ageMin, ageMax] = [ageMax, ageMin];
  if (typeof ageMin === 'number') out.ageMin = ageMin;
  if (typeof ageMax === 'number') out.ageMax = ageMax;
  if (current.organisationId) out.organisationId = current.organisationId;
  return out;
}

/** Whether a filter behind "more filters" is set (the form then starts expanded). */
export function hasMoreFilters(f: PersonFilters): boolean {
  const { q: _q, townId: _t, communityId: _c, ...rest } = f;
  return Object.keys(rest).length > 0;
}

const col = { xs: 24, md: 12, xl: 6 };

export function PersonFilterForm({
  form,
  places,
  expanded,
  onSearch,
  onReset,
}: {
  form: FormInstance<FilterValues>;
  places: Places;
  expanded: boolean;
  onSearch: (values: FilterValues) => void;
  onReset: () => void;
}) {
  const t = useT(personMessages);
  const { locale } = useLocale();
  const sources = useSources();
  const townId = Form.useWatch('townId', form);
  const groups = Form.useWatch('group', form);
  const multi = (placeholder = t('anyPlaceholder')) =>
    ({
      mode: 'multiple',
      allowClear: true,
      maxTagCount: 'responsive',
      placeholder,
      showSearch: { optionFilterProp: 'label' },
    }) as const;

  return (
    <FilterForm<FilterValues>
      form={form}
      name="personFilters"
      onSearch={onSearch}
      onReset={onReset}
      defaultExpanded={expanded}
      more={
        <>
          <Col {...col}>
            <Form.Item name="gender" label={t('field.gender')}>
              <Select allowClear placeholder={t('anyPlaceholder')} options={dictOptions(GENDER, locale)} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="ethnicity" label={t('field.ethnicity')}>
              <Select {...multi()} options={dictOptions(ETHNICITY, locale)} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="political" label={t('filter.political')}>
              <Select {...multi()} options={dictOptions(POLITICAL, locale)} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="education" label={t('field.education')}>
              <Select {...multi()} options={dictOptions(EDUCATION, locale)} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="group" label={t('group')}>
              <Select {...multi()} options={dictOptions(PERSON_GROUPS, locale)} popupMatchSelectWidth={false} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="subGroup" label={t('subGroup')}>
              <Select {...multi()} options={subGroupOptions(locale, groups)} popupMatchSelectWidth={false} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="employerKind" label={t('filter.employerKind')}>
              <Select {...multi()} options={dictOptions(EMPLOYER_KINDS, locale)} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="industry" label={t('filter.industry')}>
              <Select {...multi()} options={dictOptions(INDUSTRIES, locale)} popupMatchSelectWidth={false} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item label={t('age')} style={{ marginBottom: 24 }}>
              <Space.Compact block>
                <Form.Item name="ageMin" noStyle>
                  <InputNumber min={0} max={150} precision={0} placeholder={t('ageMinShort')} aria-label={t('ageMin')} style={{ width: '50%' }} />
                </Form.Item>
                <Form.Item name="ageMax" noStyle>
                  <InputNumber min={0} max={150} precision={0} placeholder={t('ageMaxShort')} aria-label={t('ageMax')} style={{ width: '50%' }} />
                </Form.Item>
              </Space.Compact>
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="tag" label={t('field.tags')}>
              <Select
                mode="tags"
                allowClear
                maxTagCount="responsive"
                placeholder={t('tagsPlaceholder')}
                tokenSeparators={TAG_SEPARATORS}
                open={false}
                suffixIcon={null}
              />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="repLevel" label={t('filter.repLevel')}>
              <Select {...multi()} options={dictOptions(REP_LEVELS, locale)} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="status" label={t('field.status')}>
              <Select {...multi()} options={dictOptions(PERSON_STATUS, locale)} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="sourceId" label={t('filter.source')}>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                placeholder={t('filter.sourceAll')}
                loading={sources.isLoading}
                options={(sources.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
              />
            </Form.Item>
          </Col>
        </>
      }
    >
      <Col {...col}>
        <Form.Item name="q" label={t('keyword')}>
          <Input allowClear placeholder={t('keywordPlaceholder')} maxLength={64} />
        </Form.Item>
      </Col>
      <Col {...col}>
        <Form.Item name="townId" label={t('town')}>
          <Select
            allowClear
            placeholder={t('townPlaceholder')}
            loading={places.loading}
            options={places.townOptions(townId)}
            showSearch={{ optionFilterProp: 'label' }}
            onChange={(next: number | undefined) => {
              const community = form.getFieldValue('communityId') as number | null;
              if (community && places.byId.get(community)?.parentId !== next) form.setFieldValue('communityId', null);
            }}
          />
        </Form.Item>
      </Col>
      <Col {...col}>
        <Form.Item name="communityId" label={t('community')}>
          <Select
            allowClear
            placeholder={t('communityPlaceholder')}
            loading={places.loading}
            options={places.communityOptions(townId)}
            showSearch={{ optionFilterProp: 'label' }}
            popupMatchSelectWidth={false}
            onChange={(next: number | undefined) => {
              const parent = next ? places.byId.get(next)?.parentId : undefined;
              if (parent && !form.getFieldValue('townId')) form.setFieldValue('townId', parent);
            }}
          />
        </Form.Item>
      </Col>
    </FilterForm>
  );
}
