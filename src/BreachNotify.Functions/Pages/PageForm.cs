namespace BreachNotify.Functions.Pages;

/// <summary>Where a page's form posts and the antiforgery token it carries (field name and value from <c>IAntiforgery.GetAndStoreTokens</c>).</summary>
public sealed record PageForm(string Action, string TokenField, string Token);
