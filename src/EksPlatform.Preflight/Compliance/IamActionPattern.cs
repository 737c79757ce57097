namespace EksPlatform.Preflight.Compliance;

/// <summary>
/// IAM's matching of an action pattern from a policy against an action name: <c>*</c> matches any
/// run of characters (also none), <c>?</c> exactly one, and letters compare case-insensitively,
/// as the IAM JSON policy reference describes for the Action element
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html).
/// </summary>
internal static class IamActionPattern
{
    /// <summary>True when <paramref name="pattern"/> (e.g. <c>ssm:GetParameter*</c>) grants <paramref name="action"/>.</summary>
    public static bool Matches(string pattern, string action)
    {
        // Greedy glob match with backtracking to the last '*': linear in practice for IAM's short names.
        int p = 0, a = 0, star = -1, resume = 0;
        while (a < action.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || char.ToUpperInvariant(pattern[p]) == char.ToUpperInvariant(action[a])))
            {
                p++;
                a++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = a;
            }
            else if (star >= 0)
            {
                p = star + 1;
                a = ++resume;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }
        return p == pattern.Length;
    }
}
