using System.Diagnostics;

namespace EksPlatform.Tests.Support;

/// <summary>
/// A temporary folder with stub executables (<c>helm</c>, <c>kubectl</c>, <c>aws</c>, …) first on the PATH, each recording
/// its arguments in a log, and a way to run bash there. The stubs are the ones the install tests share: helm fails a
/// bare <c>helm repo update</c> as Helm does when any configured repository is broken, and kubectl remembers the key
/// of the StorageClass it applied, as a cluster would.
/// </summary>
internal sealed class StubShell : IDisposable
{
    public StubShell()
    {
        Directory.CreateDirectory(Bin);
        Stub("helm", """
            case "$1 ${2:-}" in
              "version --template") echo "${STUB_HELM_VERSION:-v3.14.4}" ;;
              "repo update") if [ $# -eq 2 ]; then echo "Error: repository 'unrelated' is broken" >&2; exit 1; fi ;;
              "pull "*)
                while [ $# -gt 0 ]; do if [ "$1" = --untardir ]; then dir=$2; fi; shift; done
                crds="$dir/aws-load-balancer-controller/crds"
                mkdir -p "$crds" && echo "kind: CustomResourceDefinition" > "$crds/crds.yaml" ;;
            esac
            """);
        Stub("kubectl", """
            state="$(dirname "$STUB_LOG")/storage-class-key"
            case "$1" in
              get) if [ -f "$state" ]; then cat "$state"; else printf '%s' "${STUB_CURRENT_KEY:-}"; fi ;;
              delete) rm -f "$state" ;;
              apply) if [ "$3" = ebs-storage-class.yaml ]; then sed -n 's/^ *kmsKeyId: *//p' "$3" | tr -d '\n' > "$state"; fi ;;
            esac
            """);
        Stub("aws", "");
    }

    public string Root { get; } = Directory.CreateTempSubdirectory("eksp-stubs-").FullName;

    public string Bin => Path.Combine(Root, "bin");

    public string LogFile => Path.Combine(Root, "calls.log");

    public void Dispose() => Directory.Delete(Root, recursive: true);

    /// <summary>Writes (or replaces) a stub that logs <c>name args…</c> and then runs <paramref name="body"/>.</summary>
    public void Stub(string name, string body)
    {
        var path = Path.Combine(Bin, name);
        File.WriteAllText(path, $"#!/usr/bin/env bash\necho \"{name} $*\" >> \"$STUB_LOG\"\n{body}\nexit 0\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Runs <c>bash args…</c> in <paramref name="workingDirectory"/>; the log holds this run's calls only.</summary>
    public (int ExitCode, List<string> Log, string Output) Bash(
        string workingDirectory, IEnumerable<string> args, params (string Name, string Value)[] environment)
    {
        File.WriteAllText(LogFile, "");
        var start = new ProcessStartInfo("bash", args)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = $"{Bin}:{System.Environment.GetEnvironmentVariable("PATH")}";
        start.Environment["STUB_LOG"] = LogFile;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, File.ReadAllLines(LogFile).ToList(), stderr.Result + stdout.Result);
    }
}
