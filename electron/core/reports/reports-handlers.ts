/** reports.* channels. */
import { actorOf, type HandlersOf } from '../rpc/call';
import { exportReportCsv, viewReport } from './reports-service';

export const reportsHandlers: HandlersOf<'reports.'> = {
  'reports.build': (call, input) => viewReport(call.services.ctx, actorOf(call), input),
  'reports.exportCsv': (call, input) => exportReportCsv(call.services.ctx, actorOf(call), input),
};
