using System.Text.Json;

namespace BreachNotify.Classification;

/// <summary>The rules file (<c>Classification:RulesPath</c>): data, not code paths, so counsel can read and change it.</summary>
public sealed record ClassificationRules
{
    public IReadOnlyList<BreachTypeRule> BreachTypeRules { get; init; } = [];

    public static ClassificationRules FromJson(string json) =>
        JsonSerializer.Deserialize<ClassificationRules>(json, DomainJson.Options)
        ?? throw new JsonException("the rules file is empty");

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (BreachTypeRules.Count == 0)
        {
            problems.Add("breachTypeRules: at least one rule is needed");
        }

        foreach (var rule in BreachTypeRules)
        {
            if (rule.BreachTypes.Count == 0)
            {
                problems.Add($"breachTypeRules[{rule.Id}].breachTypes: at least one breach type is needed");
            }

            if (rule.Categories.Count == 0 && rule.TitleContains.Count == 0)
            {
                problems.Add($"breachTypeRules[{rule.Id}]: needs categories or titleContains to match anything");
            }
        }

        return problems;
    }
}
