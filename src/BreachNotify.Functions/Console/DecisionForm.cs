using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace BreachNotify.Functions.CommanderConsole;

/// <summary>
/// The incident page's decision and "edit the notices" forms as the decision API's body, read by <see cref="Incidents.DecisionReader"/>
/// as the API's is: <c>customers</c> a list split at commas or spaces, the close form's fields its <c>finalReport</c>
/// (<c>dataRecovered</c> true, false or, blank, not known), the edited texts its <c>edits</c>.
/// </summary>
internal static class DecisionForm
{
    private static readonly string[] ReportFields = ["rootCause", "measuresTaken", "dataRecovered"];

    public static JsonElement Body(IFormCollection form)
    {
        var body = CommandForm.Object(form, ["decision", "comment", "verdict"]);
        if (CommandForm.Value(form, "customers") is { } customers)
        {
            body["customers"] = CommandForm.List(customers);
        }

        if (ReportFields.Any(form.ContainsKey))
        {
            var recovered = CommandForm.Value(form, "dataRecovered");
            body["finalReport"] = new JsonObject
            {
                ["rootCause"] = CommandForm.Value(form, "rootCause"),
                ["measuresTaken"] = CommandForm.Value(form, "measuresTaken"),
                // Anything but true or false stays text, refused as the API refuses it.
                ["dataRecovered"] = recovered switch { null => null, "true" => true, "false" => false, _ => recovered },
            };
        }

        return CommandForm.Element(body);
    }

    /// <summary>An edit decision of the changed texts, each as (audience, field, text).</summary>
    public static JsonElement Edits(IEnumerable<(string Audience, string Field, string? Text)> changed)
    {
        var edits = new JsonObject();
        foreach (var (audience, field, text) in changed)
        {
            if (edits[audience] is not JsonObject fields)
            {
                edits[audience] = fields = [];
            }

            fields[field] = text;
        }

        return JsonSerializer.SerializeToElement(new JsonObject { ["decision"] = "edit", ["edits"] = edits });
    }
}
