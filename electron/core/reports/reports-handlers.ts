/** reports.* channels. */
import { actorOf, type HandlersOf } from '../rpc/call';
import { exportReportCsv, viewReport } from './reports-service';

export const reportsHandlers: HandlersOf<'reports.'> = {
  'reports.build': async (call, input) => await viewReport(call.services.ctx, actorOf(call), input),
  'reports.exportCsv': async (call, input) => await exportReportCsv(call.services.ctx, actorOf(call), input),
};
