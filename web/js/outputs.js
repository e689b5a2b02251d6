// Renders nbformat outputs as text only: nothing a cell prints is ever parsed as HTML.

// CSI sequences (colours, cursor moves) and OSC sequences (titles, links) that
// IPython-style tracebacks may carry.
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

/** The text without ANSI escape sequences. */
export function stripAnsi(text) {
  return String(text).replace(ANSI, '');
}

function pre(className, text) {
  const node = document.createElement('pre');
  node.className = className;
  node.textContent = text;
  node.tabIndex = 0;
  return node;
}

function row(prompt, body) {
  const line = document.createElement('div');
  line.className = 'output-row';
  const label = document.createElement('div');
  label.className = 'out-prompt';
  label.textContent = prompt;
  label.setAttribute('aria-hidden', 'true');
  line.append(label, body);
  return line;
}

/**
 * One output as a row of the output area. The `.output` element's text
 * content is exactly the output's text (stream text, `text/plain`, or the
 * traceback joined by newlines).
 */
export function renderOutput(output) {
  switch (output.output_type) {
    case 'stream': {
      const node = pre(`output output-stream output-${output.name}`, stripAnsi(output.text));
      node.dataset.outputType = 'stream';
      node.dataset.name = output.name;
      node.setAttribute('aria-label', output.name === 'stderr' ? 'Standard error' : 'Printed output');
      return row('', node);
    }
    case 'execute_result':
    case 'display_data': {
      const data = output.data || {};
      const plain = data['text/plain'];
      const text = plain !== undefined ? String(plain) : `[${Object.keys(data).join(', ') || 'empty output'}]`;
      const node = pre('output output-result', stripAnsi(text));
      node.dataset.outputType = output.output_type;
      node.setAttribute('aria-label', 'Result');
      const count = output.output_type === 'execute_result' && output.execution_count != null ? output.execution_count : ' ';
      return row(output.output_type === 'execute_result' ? `Out[${count}]:` : '', node);
    }
    case 'error': {
      const lines = output.traceback && output.traceback.length ? output.traceback : [errorLine(output)];
      const node = pre('output output-error', lines.map(stripAnsi).join('\n'));
      node.dataset.outputType = 'error';
      node.dataset.ename = output.ename;
      node.dataset.evalue = output.evalue;
      node.setAttribute('role', 'group');
      node.setAttribute('aria-label', `Error: ${errorLine(output)}`);
      return row('', node);
    }
    default:
      return row('', pre('output', ''));
  }
}

function errorLine(output) {
  return output.evalue ? `${output.ename}: ${output.evalue}` : output.ename;
}
