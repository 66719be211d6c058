import { defineMessages } from '../lib/i18n.js';

export const jobProgressMessages = defineMessages(
  {
    'status.queued': '排队中',
    'status.running': '进行中',
    'status.succeeded': '已完成',
    'status.failed': '失败',
    loading: '正在获取任务状态…',
    gone: '任务 #{id} 已不存在（服务器可能已重启），请重新发起。',
    loadFailed: '无法获取任务状态：{error}',
    jobNo: '任务 #{id}',
    startedAt: '开始于 {time}',
    finishedAt: '结束于 {time}',
  },
  {
    'status.queued': 'Queued',
    'status.running': 'Running',
    'status.succeeded': 'Finished',
    'status.failed': 'Failed',
    loading: 'Fetching the job status…',
    gone: 'Job #{id} no longer exists (the server may have restarted); please start it again.',
    loadFailed: 'Cannot fetch the job status: {error}',
    jobNo: 'Job #{id}',
    startedAt: 'started {time}',
    finishedAt: 'finished {time}',
  },
);
