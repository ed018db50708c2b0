export { JobRun } from "./job-run"
export { JobSetting } from "./job-setting"
export { JobSettingChange } from "./job-setting-change"
