/**
 * The first-run form's answers and how they are checked: each choice is its own `setup.*` channel,
 * checked by that channel's schema; the only rules of the form's own are the choice itself and the
 * administrator's password typed twice alike.
 */
import { z } from 'zod';
import { CONTRACT } from '../../../../shared/contract';
import type { FormFields } from '../../components/contract-form';
import { CONNECT_FIELDS } from './ConnectToBrokerFields';

export type Choice = 'CONNECT' | 'ADMINISTRATOR' | 'DEMO';

export interface FirstRunAnswers {
  choice: Choice | '';
  brokerUrl: string;
  caPem: string | null;
  caName: string;
  username: string;
  displayName: string;
  password: string;
  confirm: string;
}

export const NO_ANSWERS: FirstRunAnswers = { choice: '', brokerUrl: '', caPem: null, caName: '', username: '', displayName: '', password: '', confirm: '' };

export const FIRST_RUN_FIELDS: FormFields = {
  choice: { id: 'setup-choice', label: 'How do you want to start' },
  brokerUrl: { id: CONNECT_FIELDS.brokerUrl, label: 'Broker address' },
  caPem: { id: CONNECT_FIELDS.caPem, label: 'Certificate authority' },
  username: { id: 'admin-username', label: 'Username' },
  displayName: { id: 'admin-name', label: 'Full name' },
  password: { id: 'admin-password', label: 'Password' },
  confirm: { id: 'admin-confirm', label: 'Confirm password' },
};

const CHOOSE = z.object({ choice: z.enum(['CONNECT', 'ADMINISTRATOR', 'DEMO'], 'choose how to set up Records Access Broker') });

/** The schema the answers are checked by: the chosen channel's input (and, for an administrator, the password typed twice alike). */
export function firstRunSchema(answers: FirstRunAnswers): z.ZodType<unknown> {
  if (answers.choice === 'CONNECT') return CONTRACT['setup.connectToBroker'].input;
  if (answers.choice === 'DEMO') return CONTRACT['setup.loadDemoData'].input;
  if (answers.choice === 'ADMINISTRATOR') {
    return CONTRACT['setup.createAdministrator'].input.superRefine((_, ctx) => {
      if (answers.password !== answers.confirm) ctx.addIssue({ code: 'custom', path: ['confirm'], message: 'the two passwords do not match' });
    });
  }
  return CHOOSE;
}

/** The answers as the chosen channel's input. */
export function firstRunInput(answers: FirstRunAnswers): unknown {
  if (answers.choice === 'CONNECT') return { brokerUrl: answers.brokerUrl.trim(), caPem: answers.caPem };
  if (answers.choice === 'DEMO') return {};
  if (answers.choice === 'ADMINISTRATOR') return { username: answers.username.trim(), displayName: answers.displayName, password: answers.password };
  return { choice: undefined };
}
