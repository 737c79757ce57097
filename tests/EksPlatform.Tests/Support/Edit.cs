namespace EksPlatform.Tests.Support;

/// <summary>Text edits for settings variants that fail loudly when the text to replace is not there.</summary>
internal static class Edit
{
    /// <summary>Replaces the single occurrence of <paramref name="old"/>; fails the test if there is not exactly one.</summary>
    public static string Once(string text, string old, string replacement)
    {
        var first = text.IndexOf(old, StringComparison.Ordinal);
        Assert.True(first >= 0 && text.IndexOf(old, first + 1, StringComparison.Ordinal) < 0, $"expected exactly one '{old}' in the settings text");
        return string.Concat(text.AsSpan(0, first), replacement, text.AsSpan(first + old.Length));
    }
}
