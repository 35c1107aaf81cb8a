namespace BreachNotify.Notices;

/// <summary>
/// A matter's recipients as frozen in rows of their own (one row per notice, in the order of its id): how many there are,
/// the version of the list (a hash of its content, which also names its rows, so two lists frozen for one matter never mix)
/// and the version of the directory it was taken from. A state holds this instead of the list.
/// </summary>
public sealed record RecipientFreeze(int Count, string Version, string? DirectoryVersion = null);
