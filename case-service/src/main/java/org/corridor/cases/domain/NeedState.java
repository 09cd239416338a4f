package org.corridor.cases.domain;

/** How far a need has been met. */
public enum NeedState {
    IDENTIFIED, REFERRED, IN_PROGRESS, MET, DECLINED
}
