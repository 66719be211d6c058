import { useEffect, useState, type ReactNode } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { App, Button, Card, Descriptions, Space, Tabs, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { EditOutlined, LeftOutlined, MergeCellsOutlined, WarningOutlined } from '@ant-design/icons';
import type { Person } from '../../../../common/src/schemas/persons.js';
import { dictLabel } from '../../../../common/src/dictionaries/dictionary.js';
import {
  DEGREE,
  EDUCATION,
  EMPLOYER_KINDS,
  ETHNICITY,
  GENDER,
  INDUSTRIES,
  POLITICAL,
} from '../../../../common/src/dictionaries/person-dictionaries.js';
import { ApiRequestError } from '../../lib/api.js';
import { useAuth } from '../../lib/auth.js';
import { useLocale, useT } from '../../lib/i18n.js';
import { formatDateTime } from '../../components/format.js';
import { PageHeader } from '../../components/page-header.js';
import { PageSkeleton } from '../../components/page-skeleton.js';
import { NotFoundPage, ServerErrorPage } from '../../components/result-pages.js';
import { usePerson } from './api.js';
import { personMessages } from './messages.js';
import { PersonFormDrawer, type PersonDrawerState } from './person-form-drawer.js';
import { PersonHistory } from './person-history.js';
import { PersonSources } from './person-sources.js';
import { GroupTags, LABEL_STYLE, PlainTags, RepLevelTag, StatusTag } from './person-tags.js';
import { RevealableValue, useReveal } from './reveal.js';
import { MergePersonModal } from '../consolidation/merge-person-modal.js';
import { PersonMerges } from '../consolidation/person-merges.js';

const TABS = ['basic', 'sources', 'history', 'merges'] as const;
type TabKey = (typeof TABS)[number];

/** Whole years since a full or partial birth date (1985, 1985-03, 1985-03-07); null when unknown. */
export function ageOf(birthDate: string | null, today = new Date()): number | null {
  const m = birthDate?.match(/^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = m[2] ? Number(m[2]) : 1;
  const d = m[3] ? Number(m[3]) : 1;
  let age = today.getFullYear() - y;
  if (today.getMonth() + 1 < mo || (today.getMonth() + 1 === mo && today.getDate() < d)) age -= 1;
  return age >= 0 && age < 150 ? age : null;
}

export function PersonDetailPage() {
  const { id: rawId } = useParams();
  const id = rawId && /^\d{1,12}$/.test(rawId) ? Number(rawId) : null;
  const person = usePerson(id);
  if (id === null) return <PersonNotFound />;
  if (person.isPending) return <PageSkeleton />;
  if (person.isError && !person.data) {
    if (person.error instanceof ApiRequestError && person.error.status === 404) return <PersonNotFound />;
    return <ServerErrorPage error={person.error} onRetry={() => void person.refetch()} />;
  }
  return <PersonDetail key={person.data.id} person={person.data} />;
}

function PersonNotFound() {
  const t = useT(personMessages);
  const navigate = useNavigate();
  return (
    <NotFoundPage
      description={t('notFound')}
      extra={
        <Button type="primary" onClick={() => navigate('/persons')}>
          {t('backToList')}
        </Button>
      }
    />
  );
}

function PersonDetail({ person }: { person: Person }) {
  const t = useT(personMessages);
  const { locale } = useLocale();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab') as TabKey | null;
  const tab: TabKey = tabParam && TABS.includes(tabParam) ? tabParam : 'basic';
  const reveal = useReveal(person.id);
  const [drawer, setDrawer] = useState<PersonDrawerState>(null);
  const [merging, setMerging] = useState(false);
  const { can } = useAuth();
  // A revealed value may be stale once the record changes: mask it again.
  const { reset: resetReveal } = reveal;
  useEffect(() => resetReveal(), [person.version, resetReveal]);

  const none = <Typography.Text type="secondary">{t('none')}</Typography.Text>;
  const text = (v: string | null | undefined): ReactNode => (v ? v : none);
  const dict = (d: Parameters<typeof dictLabel>[0], code: string | null) => text(dictLabel(d, code, locale));
  const place = (town: Person['workTown'], community: Person['workCommunity']) =>
    text([town?.name, community?.name].filter(Boolean).join(' · '));
  const age = ageOf(person.birthDate);

  const residentId = (
    <Space size={4} wrap>
      <RevealableValue field="residentId" masked={person.residentId} canReveal={person.abilities.reveal} state={reveal} />
      {person.residentId && !person.residentIdValid && (
        <Tag color="warning" icon={<WarningOutlined />}>
          {t('residentIdInvalid')}
        </Tag>
      )}
    </Space>
  );
  const mobile = <RevealableValue field="mobile" masked={person.mobile} canReveal={person.abilities.reveal} state={reveal} />;
  const birth = person.birthDate ? (
    <span>
      {person.birthDate}
      {age !== null && <Typography.Text type="secondary">{t('ageYears', { n: age })}</Typography.Text>}
    </span>
  ) : (
    none
  );

  const summary: DescriptionsProps['items'] = [
    { key: 'gender', label: t('field.gender'), children: dict(GENDER, person.gender) },
    { key: 'birthDate', label: t('field.birthDate'), children: birth },
    { key: 'ethnicity', label: t('field.ethnicity'), children: dict(ETHNICITY, person.ethnicity) },
    { key: 'residentId', label: t('field.residentId'), children: residentId },
    { key: 'mobile', label: t('field.mobile'), children: mobile },
    { key: 'political', label: t('field.political'), children: dict(POLITICAL, person.political) },
    { key: 'employer', label: t('field.employer'), children: text(person.employer?.name) },
    { key: 'post', label: t('field.post'), children: text(person.post) },
    { key: 'workPlace', label: t('field.workPlace'), children: place(person.workTown, person.workCommunity) },
    { key: 'groups', label: t('field.groups'), children: person.groups.length ? <GroupTags groups={person.groups} /> : none },
    { key: 'unit', label: t('field.unit'), children: person.unit.name },
    { key: 'updatedAt', label: t('field.updatedAt'), children: formatDateTime(person.updatedAt) },
  ];

  // Bordered, with fixed label and value widths, so the sections line up like an information form.
  const section = (title: string, items: DescriptionsProps['items']) => (
    <Descriptions
      title={<Typography.Title level={5} style={{ margin: 0 }}>{title}</Typography.Title>}
      size="small"
      bordered
      column={{ xs: 1, md: 2, xl: 3 }}
      items={items}
      styles={{ label: { ...LABEL_STYLE, width: '13%', minWidth: 110 }, content: { width: '20%' } }}
      style={{ marginBottom: 20 }}
    />
  );

  const basic = (
    <>
      {section(t('section.basic'), [
        { key: 'name', label: t('field.name'), children: person.name },
        { key: 'formerNames', label: t('field.formerNames'), children: text(person.formerNames) },
        { key: 'penName', label: t('field.penName'), children: text(person.penName) },
        { key: 'gender', label: t('field.gender'), children: dict(GENDER, person.gender) },
        { key: 'ethnicity', label: t('field.ethnicity'), children: dict(ETHNICITY, person.ethnicity) },
        { key: 'birthDate', label: t('field.birthDate'), children: birth },
      ])}
      {section(t('section.identity'), [
        { key: 'residentId', label: t('field.residentId'), children: residentId },
        { key: 'mobile', label: t('field.mobile'), children: mobile },
      ])}
      {section(t('section.political'), [
        { key: 'political', label: t('field.political'), children: dict(POLITICAL, person.political) },
        { key: 'partyJoinDate', label: t('field.partyJoinDate'), children: text(person.partyJoinDate) },
        { key: 'political2', label: t('field.political2'), children: dict(POLITICAL, person.political2) },
        { key: 'party2JoinDate', label: t('field.party2JoinDate'), children: text(person.party2JoinDate) },
      ])}
      {section(t('section.education'), [
        { key: 'education', label: t('field.education'), children: dict(EDUCATION, person.education) },
        { key: 'degree', label: t('field.degree'), children: dict(DEGREE, person.degree) },
        { key: 'school', label: t('field.school'), children: text(person.school) },
        { key: 'major', label: t('field.major'), children: text(person.major) },
      ])}
      {section(t('section.employer'), [
        { key: 'employerName', label: t('field.employerName'), children: text(person.employer?.name) },
        { key: 'employerUscc', label: t('field.employerUscc'), children: text(person.employer?.uscc) },
        { key: 'employerKind', label: t('field.employerKind'), children: dict(EMPLOYER_KINDS, person.employer?.kind ?? null) },
        { key: 'employerIndustry', label: t('field.employerIndustry'), children: dict(INDUSTRIES, person.employer?.industry ?? null) },
        { key: 'post', label: t('field.post'), children: text(person.post) },
        { key: 'title', label: t('field.title'), children: text(person.title) },
        { key: 'qualification', label: t('field.qualification'), children: text(person.qualification) },
      ])}
      {section(t('section.groupsPlaces'), [
        { key: 'groups', label: t('field.groups'), children: person.groups.length ? <GroupTags groups={person.groups} /> : none },
        { key: 'workPlace', label: t('field.workPlace'), children: place(person.workTown, person.workCommunity) },
        { key: 'residencePlace', label: t('field.residencePlace'), children: place(person.residenceTown, person.residenceCommunity) },
        { key: 'unit', label: t('field.unit'), children: person.unit.name },
      ])}
      {section(t('section.tagsStatus'), [
        { key: 'tags', label: t('field.tags'), children: person.tags.length ? <PlainTags tags={person.tags} /> : none },
        { key: 'repLevel', label: t('field.repLevel'), children: person.repLevel !== 'none' ? <RepLevelTag level={person.repLevel} /> : none },
        { key: 'status', label: t('field.status'), children: <StatusTag status={person.status} /> },
        { key: 'createdAt', label: t('field.createdAt'), children: formatDateTime(person.createdAt) },
        { key: 'updatedAt', label: t('field.updatedAt'), children: formatDateTime(person.updatedAt) },
        { key: 'notes', label: t('field.notes'), span: 'filled', children: <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{person.notes || t('none')}</Typography.Paragraph> },
      ])}
    </>
  );

  const subtitle = [person.employer?.name, person.post].filter(Boolean).join(' · ');

  return (
    <>
      <PageHeader
        title={person.name}
        tags={
          <>
            <StatusTag status={person.status} />
            <RepLevelTag level={person.repLevel} />
          </>
        }
        subtitle={subtitle || undefined}
        extra={
          <>
            <Button icon={<LeftOutlined />} onClick={() => navigate('/persons')}>
              {t('backToList')}
            </Button>
            {can('person.merge') && (
              <Button icon={<MergeCellsOutlined />} onClick={() => setMerging(true)}>
                {t('mergeDuplicate')}
              </Button>
            )}
            {person.abilities.update && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => setDrawer({ mode: 'edit', person })}>
                {t('edit')}
              </Button>
            )}
          </>
        }
      />
      <Card title={t('profile')} style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} items={summary} styles={{ label: LABEL_STYLE }} />
      </Card>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => {
            const next = new URLSearchParams(params);
            if (key === 'basic') next.delete('tab');
            else next.set('tab', key);
            setParams(next, { replace: true });
          }}
          items={[
            { key: 'basic', label: t('tab.basic'), children: basic },
            {
              key: 'sources',
              label: (
                <span>
                  {t('tab.sources')}
                  <Tag style={{ marginInlineStart: 6, marginInlineEnd: 0 }}>{person.sourceCount}</Tag>
                </span>
              ),
              children: <PersonSources personId={person.id} />,
            },
            { key: 'history', label: t('tab.history'), children: <PersonHistory personId={person.id} /> },
            { key: 'merges', label: t('tab.merges'), children: <PersonMerges personId={person.id} /> },
          ]}
        />
      </Card>
      {reveal.modal}
      <MergePersonModal
        person={person}
        open={merging}
        onClose={() => setMerging(false)}
        onMerged={() => {
          setMerging(false);
          // The merge is listed under Merges: show it there.
          const next = new URLSearchParams(params);
          next.set('tab', 'merges');
          setParams(next, { replace: true });
        }}
      />
      <PersonFormDrawer
        state={drawer}
        onClose={() => setDrawer(null)}
        onReloaded={(p) => setDrawer({ mode: 'edit', person: p })}
        onSaved={() => {
          setDrawer(null);
          message.success(t('saved'));
        }}
      />
    </>
  );
}
