using System.Text.Json;
using Microsoft.AspNetCore.Routing.Patterns;

namespace BreachNotify.Worker.Tests.Infrastructure;

/// <summary>A function the worker declared and loaded: its id, its trigger binding, and for HTTP its route and methods.</summary>
public sealed record LoadedFunction(string Id, string Name, string TriggerType, string TriggerName, string? Route, IReadOnlyList<string> Methods, JsonElement Trigger)
{
    public bool IsHttp => TriggerType == "httpTrigger";

    public RoutePattern? Pattern { get; } = Route is null ? null : RoutePatternFactory.Parse("/" + Route);
}
