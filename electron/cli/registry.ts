/**
 * Every `relink` subcommand, in help order.
 */
import type { Command } from './types';
import { statusCommand } from './commands/status';
import { resetCommand } from './commands/reset';
import { historyCommand } from './commands/history';
import { restoreCommand } from './commands/restore';
import { diffCommand } from './commands/diff';
import { labelCommand } from './commands/label';
import { verifyCommand } from './commands/verify';
import { pruneCommand } from './commands/prune';
import { linksCommand } from './commands/links';
import { reconnectCommand } from './commands/reconnect';
import { reportCommand } from './commands/report';

/** The commands `relink` knows. Add a command by importing it here. */
export const COMMANDS: Command[] = [statusCommand, resetCommand, historyCommand, restoreCommand, diffCommand, labelCommand, verifyCommand, pruneCommand, linksCommand, reconnectCommand, reportCommand];
