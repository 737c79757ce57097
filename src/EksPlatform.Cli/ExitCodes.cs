namespace EksPlatform.Cli;

/// <summary>The process exit codes, a contract scripts rely on.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int InvalidSettings = 2;
    public const int StatefulReplacement = 3;
    public const int DeployReadiness = 4;
}
