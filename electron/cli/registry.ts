/**
 * Every `relink` subcommand, in help order.
 */
import type { Command } from './types';
import { statusCommand } from './commands/status';

/** The commands `relink` knows. Add a command by importing it here. */
export const COMMANDS: Command[] = [statusCommand];
