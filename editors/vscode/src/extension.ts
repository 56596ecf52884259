// Starts `claimcheck lsp` for Markdown, HTML, plain text and claims databases (TOML).
import * as vscode from 'vscode';
import {
  Executable,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** The server's options (initializationOptions and didChangeConfiguration) from the settings. */
function serverOptions(config: vscode.WorkspaceConfiguration): Record<string, unknown> {
  const options: Record<string, unknown> = {
    agreements: config.get<string>('agreements', 'information'),
    debounceMs: config.get<number>('debounceMs', 150),
  };
  const databases = config.get<string[]>('databases', []);
  if (databases.length > 0) {
    options.db = databases;
  }
  const show = config.get<string>('show', '');
  if (show) {
    options.show = show;
  }
  return options;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration('claimcheck');
  const run: Executable = { command: config.get<string>('path', 'claimcheck'), args: ['lsp'] };
  const server: ServerOptions = { run, debug: run };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'markdown' },
      { language: 'html' },
      { language: 'plaintext' },
      // Claims databases; the server ignores TOML files that are not one.
      { scheme: 'file', language: 'toml' },
    ],
    initializationOptions: serverOptions(config),
    middleware: {
      // "Explain" answers with what `claimcheck explain ID` prints: show it beside the text.
      executeCommand: async (command, args, next) => {
        const result = await next(command, args);
        if (command === 'claimcheck.explain' && typeof result === 'string') {
          const doc = await vscode.workspace.openTextDocument({ content: result, language: 'plaintext' });
          await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
        }
        return result;
      },
    },
  };
  client = new LanguageClient('claimcheck', 'claimcheck', server, clientOptions);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (client && e.affectsConfiguration('claimcheck')) {
        const settings = { claimcheck: serverOptions(vscode.workspace.getConfiguration('claimcheck')) };
        void client.sendNotification('workspace/didChangeConfiguration', { settings });
      }
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
