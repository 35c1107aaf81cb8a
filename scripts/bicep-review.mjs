// What-if-style review of a compiled ARM template (bicep build output), offline:
// every parameter with its type and default, every resource (nested module deployments
// included) with its type, API version, name expression and condition, and the outputs.
// Usage: node scripts/bicep-review.mjs artifacts/bicep/main.json
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) {
  console.error('usage: node bicep-review.mjs <compiled main.json>');
  process.exit(2);
}
const template = JSON.parse(readFileSync(file, 'utf8'));
const lines = [];
const out = (s = '') => lines.push(s);

function fmt(v) {
  if (v === undefined) return '(required)';
  return JSON.stringify(v);
}

function resourcesOf(t) {
  // languageVersion 2.0 templates (user-defined types) keep resources in an object keyed by symbolic name.
  const r = t.resources ?? [];
  return Array.isArray(r) ? r.map((x) => [x.name, x]) : Object.entries(r);
}

// Inside a module, show names in terms of what the parent passed: [parameters('name')] -> value.
function resolve(expr, passed) {
  if (typeof expr !== 'string' || !passed) return expr;
  return expr.replace(/parameters\('([A-Za-z0-9_]+)'\)/g, (m, p) => {
    const v = passed[p]?.value;
    if (v === undefined) return m;
    const inner = typeof v === 'string' ? (v.startsWith('[') ? v.slice(1, -1) : `'${v}'`) : JSON.stringify(v);
    return `{${inner}}`;
  });
}

function walk(t, depth, path, passed) {
  const pad = '  '.repeat(depth);
  for (const [symbol, r] of resourcesOf(t)) {
    if (r.existing) {
      out(`${pad}- (existing) ${r.type} ${resolve(r.name, passed)}`);
      continue;
    }
    const copy = r.copy ? ` [loop ${r.copy.name}: ${typeof r.copy.count === 'string' ? r.copy.count : r.copy.count}]` : '';
    const cond = r.condition !== undefined ? ` [if ${r.condition}]` : '';
    out(`${pad}- ${r.type}@${r.apiVersion}  name=${resolve(r.name, passed)}${copy}${cond}${symbol && symbol !== r.name ? `  (symbol ${symbol})` : ''}`);
    if (r.type === 'Microsoft.Resources/deployments' && r.properties?.template) {
      const inner = r.properties.template;
      const passed = Object.keys(r.properties.parameters ?? {});
      out(`${pad}    module ${path}${r.name}: parameters passed: ${passed.join(', ') || '(none)'}`);
      walk(inner, depth + 2, `${path}${r.name}/`, r.properties.parameters);
    }
  }
}

out(`What-if-style review of ${file}`);
out(`Generated offline from the compiled ARM template (no subscription): it lists what the template`);
out(`declares, not a diff against a live resource group. For a real diff: az deployment group what-if.`);
out();
out('== Parameters (name: type = default) ==');
for (const [name, p] of Object.entries(template.parameters ?? {})) {
  const allowed = p.allowedValues ? `  allowed=${JSON.stringify(p.allowedValues)}` : '';
  const range = p.minValue !== undefined || p.maxValue !== undefined ? `  range=[${p.minValue ?? ''}..${p.maxValue ?? ''}]` : '';
  const len = p.minLength !== undefined || p.maxLength !== undefined ? `  length=[${p.minLength ?? ''}..${p.maxLength ?? ''}]` : '';
  const type = p.type ?? (p.$ref ? p.$ref.replace('#/definitions/', '') : '?');
  out(`- ${name}: ${type} = ${fmt(p.defaultValue)}${allowed}${range}${len}`);
  const desc = p.metadata?.description;
  if (desc) out(`    ${desc}`);
}
out();
if (template.variables?.names) {
  out('== Resource names (variables.names; suffix = take(uniqueString(subscription, resource group, env), 10)) ==');
  for (const [k, v] of Object.entries(template.variables.names)) out(`- ${k}: ${v}`);
  out();
}
out('== Resources (type@apiVersion name [condition]; {..} = value passed by the parent) ==');
walk(template, 0, '', undefined);
out();
// Settings and security-relevant values worth a reviewer's eye.
function findVar(t, name) {
  if (t.variables && name in t.variables) return t.variables[name];
  for (const [, r] of resourcesOf(t)) {
    const inner = r.properties?.template;
    if (inner) {
      const v = findVar(inner, name);
      if (v !== undefined) return v;
    }
  }
  return undefined;
}
out('== App settings set on the Function App (names found in the compiled template) ==');
{
  // Settings objects reference runtime values, so Bicep inlines them into expressions; the setting
  // names are recovered from those expressions (Xxx__Yyy, UPPER_CASE and a few known names).
  const text = JSON.stringify(template);
  const names = new Set();
  const re = /'((?:[A-Za-z][A-Za-z0-9]*__)+[A-Za-z][A-Za-z0-9]*|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+){1,}|PublicBaseUrl)'/g;
  for (const m of text.matchAll(re)) names.add(m[1]);
  const authSecret = findVar(template, 'authSecretSettingName');
  if (authSecret) names.add(`${authSecret} (Easy Auth client secret, Key Vault reference)`);
  for (const n of [...names].sort()) out(`- ${n}`);
  out('- plus Sources__NAME__Secret per sourceNames, Commanders__Keys__ID per commanderKeyHashes, extraKeyVaultSettings');
}
out();
out('== Easy Auth excluded paths (everything else requires Entra ID sign-in) ==');
for (const v of ['alwaysExcludedPaths', 'incidentApiPaths']) {
  const a = findVar(template, v);
  if (Array.isArray(a)) out(`- ${v}: ${a.join(', ')}${v === 'incidentApiPaths' ? '  (only when incidentApiUsesAppKeys)' : ''}`);
}
out();
out('== Role assignments (built-in role ids) ==');
const roles = findVar(template, 'roles');
if (roles) for (const [k, v] of Object.entries(roles)) out(`- ${k}: ${v}`);
out('- monitoringMetricsPublisher (App Insights scope): ' + (findVar(template, 'monitoringMetricsPublisherRoleId') ?? '?'));
out();
out('== Outputs ==');
for (const [name, o] of Object.entries(template.outputs ?? {})) {
  out(`- ${name}: ${o.type ?? o.$ref ?? '?'} = ${typeof o.value === 'string' ? o.value : JSON.stringify(o.value)}`);
}
process.stdout.write(lines.join('\n') + '\n');
