using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace BreachNotify.Notices;

/// <summary>
/// The Liquid (Fluid) side of the templates: parsing once, the names a template reads (for the start-time check), and
/// rendering with values the composer has already cleaned, bounded and encoded for their output.
/// </summary>
internal static class LiquidTemplate
{
    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = TemplateOptions.Default;

    // The same few dozen template texts render for every notice: parse each once.
    private static readonly ConcurrentDictionary<string, IFluidTemplate> Parsed = new(StringComparer.Ordinal);

    /// <summary>The parsed template, or the parser's error.</summary>
    public static (IFluidTemplate? Template, string? Error) TryParse(string text)
    {
        if (Parsed.TryGetValue(text, out var cached))
        {
            return (cached, null);
        }

        if (!Parser.TryParse(text, out var template, out var error))
        {
            return (null, error);
        }

        Parsed[text] = template;
        return (template, null);
    }

    /// <summary>Every variable the template reads (the first segment of each member expression), in order of first use.</summary>
    public static IReadOnlyList<string> Names(IFluidTemplate template)
    {
        var collector = new NameCollector();
        collector.VisitTemplate(template);
        return collector.Names;
    }

    /// <summary>
    /// Renders with <paramref name="value"/> giving each name's text already encoded; an absent value is nil, so
    /// <c>{% if name %}</c> keeps its content only when the value is there. <paramref name="encoder"/> encodes what
    /// is not a value (a literal in a filter's output, say).
    /// </summary>
    public static string Render(string text, Func<string, string> value, Func<string, bool> present, TextEncoder encoder)
    {
        var (template, error) = TryParse(text);
        if (template is null)
        {
            // Parse refuses such a template at start; reaching here is a bug, not an input.
            throw new InvalidOperationException($"A template that does not parse reached rendering: {error}");
        }

        var context = new TemplateContext(Options);
        foreach (var name in Names(template))
        {
            if (present(name))
            {
                context.SetValue(name, StringValue.Create(value(name), false));
            }
        }

        return template.Render(context, encoder);
    }

    private sealed class NameCollector : AstVisitor
    {
        private readonly List<string> _names = [];

        public IReadOnlyList<string> Names => _names;

        protected override Expression VisitMemberExpression(MemberExpression memberExpression)
        {
            if (memberExpression.Segments.Count > 0 && memberExpression.Segments[0] is IdentifierSegment first && !_names.Contains(first.Identifier))
            {
                _names.Add(first.Identifier);
            }

            return base.VisitMemberExpression(memberExpression);
        }
    }
}
