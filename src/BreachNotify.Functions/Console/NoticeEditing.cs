using BreachNotify.Notices;

namespace BreachNotify.Functions.CommanderConsole;

/// <summary>The incident page's notice editing: the text of each field (<c>audience.field</c>) and the recipients to preview.</summary>
public sealed record NoticeEditing(IReadOnlyDictionary<string, string> Texts, IReadOnlyList<Recipient> Recipients);
