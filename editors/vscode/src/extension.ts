// The VS Code client: starts `corroborate lsp` for Markdown and plain text,
// shows the sources' status, and offers Restart Server and Show Sources Report.
import * as fs from 'fs';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions as Executable, State } from 'vscode-languageclient/node';
import { resolveServerPath } from './serverPath';
import { serverOptions, statusText } from './settings';

let client: LanguageClient | undefined;
let statusItem: vscode.StatusBarItem | undefined;
let output: vscode.OutputChannel | undefined;

function isExecutable(file: string): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) {
      return false;
    }
    if (process.platform !== 'win32') {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

function settings() {
  const c = vscode.workspace.getConfiguration('corroborate');
  return serverOptions({
    corpus: c.get('corpus'),
    inlayHints: c.get('inlayHints'),
    debounceMs: c.get('debounceMs'),
    severity: c.get('severity'),
  });
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const resolved = resolveServerPath({
    setting: vscode.workspace.getConfiguration('corroborate').get<string>('server.path'),
    env: process.env,
    extensionPath: context.extensionPath,
    platform: process.platform,
    isExecutable,
  });
  if ('error' in resolved) {
    statusItem!.text = '$(error) corroborate: server not found';
    statusItem!.tooltip = resolved.error;
    void vscode.window.showErrorMessage(resolved.error);
    return;
  }
  const { options, problems } = settings();
  for (const p of problems) {
    void vscode.window.showWarningMessage(p);
  }
  const executable: Executable = {
    run: { command: resolved.path, args: ['lsp'] },
    debug: { command: resolved.path, args: ['lsp'], options: { env: { ...process.env, CORROBORATE_LOG: 'debug' } } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'untitled', language: 'markdown' },
      { scheme: 'untitled', language: 'plaintext' },
    ],
    initializationOptions: options,
    // The server registers its own file watchers for the sources.
    outputChannel: output,
  };
  client = new LanguageClient('corroborate', 'corroborate', executable, clientOptions);
  client.onDidChangeState((e) => {
    if (e.newState === State.Stopped) {
      statusItem!.text = '$(circle-slash) corroborate: stopped';
    }
  });
  statusItem!.text = statusText(undefined);
  statusItem!.tooltip = `corroborate (${resolved.source}: ${resolved.path})`;
  await client.start();
  client.onNotification('corroborate/status', (s: { state: string; articles: number; events: number; folders: string[] }) => {
    statusItem!.text = statusText(s);
    statusItem!.tooltip = `Sources: ${s.folders.join(', ') || 'none'}\nServer: ${resolved.path}`;
  });
}

async function stop(): Promise<void> {
  if (client) {
    const c = client;
    client = undefined;
    await c.stop();
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('corroborate');
  statusItem = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  statusItem.command = 'corroborate.showSourcesReport';
  statusItem.show();
  context.subscriptions.push(output, statusItem);

  context.subscriptions.push(
    vscode.commands.registerCommand('corroborate.restartServer', async () => {
      await stop();
      await start(context);
    }),
    vscode.commands.registerCommand('corroborate.showSourcesReport', async () => {
      if (!client) {
        void vscode.window.showWarningMessage('The corroborate server is not running.');
        return;
      }
      const report = await client.sendRequest<string>('corroborate/sourcesReport');
      const doc = await vscode.workspace.openTextDocument({ content: report, language: 'plaintext' });
      await vscode.window.showTextDocument(doc, { preview: true });
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('corroborate.server.path')) {
        await stop();
        await start(context);
      } else if (e.affectsConfiguration('corroborate') && client) {
        const { options, problems } = settings();
        for (const p of problems) {
          void vscode.window.showWarningMessage(p);
        }
        await client.sendNotification('workspace/didChangeConfiguration', { settings: { corroborate: options } });
      }
    }),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await stop();
}
