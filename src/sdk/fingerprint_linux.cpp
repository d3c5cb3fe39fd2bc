// Reading a Linux machine's identifiers. Each component is best effort: one that cannot be read
// (no permission, no such device) is left out rather than guessed.
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "crypto/fingerprint_request.hpp"
#include "licensor/licensor.hpp"

namespace licensor::sdk {
namespace {

namespace fs = std::filesystem;

std::string Trim(std::string s) {
  const auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

std::string ReadSmallFile(const fs::path& path) {
  std::ifstream in(path);
  if (!in) return "";
  std::string text(4096, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return Trim(text);
}

// Interfaces backed by a device: not loopback, bridges, veth pairs, docker or other virtual
// interfaces, whose addresses change with every container or reboot.
std::string PhysicalMacs() {
  std::vector<std::string> macs;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/sys/class/net", ec)) {
    const std::string name = entry.path().filename().string();
    if (!fs::exists(entry.path() / "device")) continue;
    if (name.starts_with("docker") || name.starts_with("veth") || name.starts_with("br-") ||
        name.starts_with("virbr")) {
      continue;
    }
    const std::string mac = ReadSmallFile(entry.path() / "address");
    if (!mac.empty() && mac != "00:00:00:00:00:00") macs.push_back(mac);
  }
  std::sort(macs.begin(), macs.end());
  std::string joined;
  for (const auto& mac : macs) joined += (joined.empty() ? "" : ",") + mac;
  return joined;
}

std::string CpuModel() {
  std::ifstream in("/proc/cpuinfo");
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("model name")) return Trim(line.substr(line.find(':') + 1));
  }
  return "";
}

// The serial of the disk holding "/": its block device, then its parent disk's serial.
std::string RootDiskSerial() {
  struct stat st {};
  if (::stat("/", &st) != 0) return "";
  const fs::path dev =
      "/sys/dev/block/" + std::to_string(major(st.st_dev)) + ":" + std::to_string(minor(st.st_dev));
  std::error_code ec;
  fs::path device = fs::canonical(dev, ec);
  if (ec) return "";
  for (int depth = 0; depth < 3 && !device.empty(); ++depth, device = device.parent_path()) {
    for (const char* file : {"serial", "device/serial", "device/wwid", "wwid"}) {
      const std::string serial = ReadSmallFile(device / file);
      if (!serial.empty()) return serial;
    }
  }
  return "";
}

std::string Virtualization() {
  std::error_code ec;
  if (fs::exists("/.dockerenv", ec)) return "container:docker";
  if (fs::exists("/run/.containerenv", ec)) return "container:podman";
  const std::string cgroup = ReadSmallFile("/proc/1/cgroup");
  for (const char* kind : {"docker", "kubepods", "lxc", "containerd"}) {
    if (cgroup.find(kind) != std::string::npos) return std::string("container:") + kind;
  }
  const std::string vendor = ReadSmallFile("/sys/class/dmi/id/sys_vendor") + " " +
                             ReadSmallFile("/sys/class/dmi/id/product_name");
  for (const auto& [needle, kind] :
       std::vector<std::pair<std::string, std::string>>{{"QEMU", "qemu"},
                                                        {"KVM", "kvm"},
                                                        {"VMware", "vmware"},
                                                        {"VirtualBox", "virtualbox"},
                                                        {"Xen", "xen"},
                                                        {"Microsoft", "hyperv"},
                                                        {"Amazon EC2", "aws"},
                                                        {"Google", "gce"}}) {
    if (vendor.find(needle) != std::string::npos) return "vm:" + kind;
  }
  std::ifstream cpuinfo("/proc/cpuinfo");
  for (std::string line; std::getline(cpuinfo, line);) {
    if (line.starts_with("flags") && line.find(" hypervisor") != std::string::npos) {
      return "vm:unknown";
    }
  }
  return "none";
}

}  // namespace

Fingerprint CollectFingerprint() {
  Fingerprint f;
  const auto put = [&](const char* name, std::string value) {
    if (!value.empty()) f.components[name] = value.substr(0, crypto::kMaxComponentValue);
  };
  put("machine_id", ReadSmallFile("/etc/machine-id"));
  put("product_uuid", ReadSmallFile("/sys/class/dmi/id/product_uuid"));
  put("mac", PhysicalMacs());
  put("cpu", CpuModel());
  put("disk", RootDiskSerial());
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) == 0) f.hostname = host;
  put("host", f.hostname);
  struct utsname uts {};
  f.platform = ::uname(&uts) == 0 ? std::string("linux-") + uts.machine : "linux";
  f.virtualization = Virtualization();
  f.fingerprint = FingerprintOf(f.components);
  return f;
}

std::string FingerprintOf(const std::map<std::string, std::string>& components) {
  return crypto::FingerprintOf(components);
}

std::string FingerprintRequestJson(const Fingerprint& f, std::int64_t created_at) {
  crypto::FingerprintRequest r;
  r.fingerprint = f.fingerprint;
  r.components = f.components;
  r.hostname = f.hostname;
  r.platform = f.platform;
  r.virtualization = f.virtualization;
  r.created_at = created_at;
  return crypto::WriteFingerprintRequest(r);
}

}  // namespace licensor::sdk
